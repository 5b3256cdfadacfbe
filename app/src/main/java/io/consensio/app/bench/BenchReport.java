package io.consensio.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.consensio.sim.scale.ScaleResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * {@code results.json} of a benchmark report directory: a {@code machine} section, and a {@code
 * cluster} and a {@code simulated} section, each with the command that produced it. Writing one
 * section keeps the other from an existing file, so the devnet runs and the simulated study can be
 * run separately into one report.
 */
final class BenchReport {
  static final String FILE = "results.json";

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private BenchReport() {}

  /** The existing report in {@code dir}, or an empty one. */
  static ObjectNode load(Path dir) {
    Path file = dir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return MAPPER.createObjectNode();
    }
    try {
      JsonNode tree = MAPPER.readTree(file.toFile());
      return tree instanceof ObjectNode object ? object : MAPPER.createObjectNode();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + "; remove it to start afresh", e);
    }
  }

  static void putCluster(
      ObjectNode report, String command, JsonNode options, List<ClusterResult> results) {
    ObjectNode section = report.putObject("cluster");
    section.put("command", command);
    section.put("finishedAt", Instant.now().toString());
    section.set("options", options);
    section.set("results", MAPPER.valueToTree(results));
  }

  static void putSimulated(ObjectNode report, String command, List<ScaleResult> results) {
    ObjectNode section = report.putObject("simulated");
    section.put("command", command);
    section.put("finishedAt", Instant.now().toString());
    section.put(
        "network",
        "five regions (NA 35%, EU 35%, Asia 20%, SA 5%, Oceania 5%), one-way medians 10-150 ms,"
            + " log-normal jitter, "
            + ScaleSuite.UPLINK_MBIT
            + " Mbit/s uplink per node");
    section.set("results", MAPPER.valueToTree(results));
  }

  static void putMachine(ObjectNode report) {
    report.set("machine", MAPPER.valueToTree(Machine.describe()));
  }

  static void write(Path dir, ObjectNode report) {
    try {
      Files.createDirectories(dir);
      MAPPER.writeValue(dir.resolve(FILE).toFile(), report);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dir.resolve(FILE), e);
    }
  }
}

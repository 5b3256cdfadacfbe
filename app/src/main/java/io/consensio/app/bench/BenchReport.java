package io.consensio.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.consensio.sim.scale.ScaleResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    ObjectNode section = section(report, "cluster", command);
    section.set("options", options);
    merge(section, MAPPER.valueToTree(results), "algorithm");
  }

  static void putSimulated(ObjectNode report, String command, List<ScaleResult> results) {
    ObjectNode section = section(report, "simulated", command);
    section.put(
        "network",
        "five regions (NA 35%, EU 35%, Asia 20%, SA 5%, Oceania 5%), one-way medians 10-150 ms,"
            + " log-normal jitter, "
            + ScaleSuite.UPLINK_MBIT
            + " Mbit/s uplink per node");
    merge(section, MAPPER.valueToTree(results), "consensus");
  }

  /**
   * The DPoS finality study, one row per slot length; a rerun replaces the rows of the slot lengths
   * it ran.
   */
  static void putDposFinality(ObjectNode report, String command, List<FinalityResult> results) {
    ObjectNode section = section(report, "dposFinality", command);
    section.put(
        "network",
        "the five-region WAN of the scale study, "
            + ScaleSuite.UPLINK_MBIT
            + " Mbit/s uplink per node, full mesh");
    section.put(
        "load",
        DposFinalitySuite.TX_PER_SLOT
            + " tx per slot (Poisson) from "
            + DposFinalitySuite.CLIENTS
            + " clients to random nodes for "
            + DposFinalitySuite.LOAD_ROUNDS
            + " rounds of "
            + DposFinalitySuite.DELEGATES
            + " slots, then "
            + DposFinalitySuite.SETTLE_SLOTS
            + " slots to settle; seed "
            + DposFinalitySuite.SEED);
    Map<Long, JsonNode> bySlot = new java.util.TreeMap<>();
    for (JsonNode r : section.path("results")) {
      bySlot.put(r.path("slotMillis").asLong(), r);
    }
    for (FinalityResult r : results) {
      ObjectNode row = MAPPER.valueToTree(r);
      row.put("p50Slots", r.p50Slots());
      row.put("p99Slots", r.p99Slots());
      bySlot.put(r.slotMillis(), row);
    }
    ArrayNode rows = section.putArray("results");
    bySlot.values().forEach(rows::add);
  }

  /** The section {@code name}, created if missing, with {@code command} added to its commands. */
  private static ObjectNode section(ObjectNode report, String name, String command) {
    ObjectNode section =
        report.get(name) instanceof ObjectNode existing ? existing : report.putObject(name);
    section.put("command", command);
    ArrayNode commands =
        section.get("commands") instanceof ArrayNode list ? list : section.putArray("commands");
    commands.add(command);
    section.put("finishedAt", Instant.now().toString());
    return section;
  }

  /**
   * New results replace those of the same algorithm and size and keep the others, so rerunning one
   * algorithm ({@code --algorithms pow}) updates only its rows.
   */
  private static void merge(ObjectNode section, JsonNode fresh, String algorithmField) {
    Map<String, JsonNode> byKey = new LinkedHashMap<>();
    for (JsonNode r : section.path("results")) {
      byKey.put(r.path(algorithmField).asText() + "/" + r.path("nodes").asInt(), r);
    }
    for (JsonNode r : fresh) {
      byKey.put(r.path(algorithmField).asText() + "/" + r.path("nodes").asInt(), r);
    }
    List<JsonNode> rows = new ArrayList<>(byKey.values());
    rows.sort(
        Comparator.comparingInt((JsonNode r) -> order(r.path(algorithmField).asText()))
            .thenComparing(r -> r.path(algorithmField).asText())
            .thenComparingInt(r -> r.path("nodes").asInt()));
    ArrayNode results = section.putArray("results");
    rows.forEach(results::add);
  }

  private static int order(String algorithm) {
    int i = BenchSettings.ALGORITHMS.indexOf(algorithm);
    return i < 0 ? BenchSettings.ALGORITHMS.size() : i;
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

package io.consensio.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.consensio.app.ConsensioCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BenchCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = new CommandLine(new ConsensioCli());
    return cli.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
  }

  private static void assertPng(Path file) throws Exception {
    assertThat(file).exists();
    byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(file), 4);
    assertThat(head).containsExactly(0x89, 'P', 'N', 'G');
  }

  @Test
  void aTinyDevnetRunWritesTheFiguresAsJsonAndAnHtmlReportWithCharts(@TempDir Path dir)
      throws Exception {
    Path report = dir.resolve("report");
    int exit =
        run(
            "bench",
            "--algorithms",
            "poa",
            "--nodes",
            "3",
            "--duration",
            "2s",
            "--rate",
            "20",
            "--window",
            "8",
            "--out",
            report.toString());

    assertThat(exit).as(err.toString()).isZero();
    JsonNode json = new ObjectMapper().readTree(report.resolve("results.json").toFile());
    assertThat(json.path("machine").path("cpus").asInt()).isPositive();
    assertThat(json.path("cluster").path("command").asText()).startsWith("consensio bench");
    JsonNode result = json.path("cluster").path("results").get(0);
    assertThat(result.path("algorithm").asText()).isEqualTo("poa");
    assertThat(result.path("nodes").asInt()).isEqualTo(3);
    assertThat(result.path("error").isNull()).isTrue();
    assertThat(result.path("safetyViolations").asInt()).isZero();
    assertThat(result.path("settings").path("blockIntervalMillis").asLong()).isPositive();
    for (String mode : new String[] {"open", "closed"}) {
      JsonNode phase = result.path(mode);
      assertThat(phase.path("mode").asText()).isEqualTo(mode);
      assertThat(phase.path("committed").asLong()).as(mode).isPositive();
      assertThat(phase.path("committed").asLong())
          .isLessThanOrEqualTo(phase.path("submitted").asLong());
      double p50 = phase.path("p50LatencyMs").asDouble();
      assertThat(p50).as(mode + " p50").isPositive();
      assertThat(phase.path("p90LatencyMs").asDouble()).isGreaterThanOrEqualTo(p50);
      assertThat(phase.path("p99LatencyMs").asDouble())
          .isGreaterThanOrEqualTo(phase.path("p90LatencyMs").asDouble());
      assertThat(phase.path("maxLatencyMs").asDouble())
          .isGreaterThanOrEqualTo(phase.path("p99LatencyMs").asDouble());
      // every committed transaction crossed the network at least once (gossip or consensus)
      assertThat(phase.path("messagesPerTx").asDouble()).isGreaterThanOrEqualTo(1);
      assertThat(phase.path("bytesPerTx").asDouble())
          .isGreaterThan(phase.path("messagesPerTx").asDouble());
      assertThat(phase.path("cdf").size()).isEqualTo(ClusterBench.CDF_POINTS);
    }
    assertThat(result.path("open").path("offered").asDouble()).isEqualTo(20.0);
    assertThat(result.path("closed").path("offered").asDouble()).isEqualTo(8.0);

    String html = Files.readString(report.resolve("index.html"));
    assertThat(html)
        .contains("<td>poa</td>")
        .contains(BenchCharts.THROUGHPUT)
        .contains(BenchCharts.LATENCY_CDF)
        .contains(BenchCharts.MESSAGES);
    assertPng(report.resolve(BenchCharts.THROUGHPUT));
    assertPng(report.resolve(BenchCharts.LATENCY_CDF));
    assertPng(report.resolve(BenchCharts.MESSAGES));
  }

  @Test
  void anUnknownSimulatedSuiteIsRefusedBeforeAnythingRuns(@TempDir Path dir) {
    int exit =
        run("bench", "--simulated", "--suites", "dpos-speed", "--out", dir.resolve("r").toString());

    assertThat(exit).isNotZero();
    assertThat(err.toString()).contains("dpos-speed").contains(BenchCommand.DPOS_FINALITY_SUITE);
    assertThat(dir.resolve("r").resolve(BenchReport.FILE)).doesNotExist();
  }

  @Test
  void anUnknownAlgorithmIsAUsageErrorBeforeAnyNodeStarts(@TempDir Path dir) {
    int exit = run("bench", "--algorithms", "paxos", "--out", dir.resolve("r").toString());

    assertThat(exit).isNotZero();
    assertThat(dir.resolve("r").resolve("networks")).doesNotExist();
  }
}

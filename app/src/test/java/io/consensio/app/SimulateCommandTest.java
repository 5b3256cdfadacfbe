package io.consensio.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {
  /**
   * A run configured in code, as the engines' seed tests configure theirs, replays through the
   * command its result prints: same trace hash, so a failing seed in a test can be rerun from the
   * shell as it failed.
   */
  @Test
  void theReplayCommandOfARunConfiguredInCodeReproducesItsTrace() throws Exception {
    io.consensio.sim.SimulationConfig base = io.consensio.sim.SimulationConfig.of("raft", 4, 11);
    io.consensio.sim.SimulationConfig config =
        base.withFaults(io.consensio.sim.fault.FaultPlan.parse("loss=0.1,dup=0.02,crash"))
            .withDurations(2_000, 2_500)
            .withMaxConcurrentCrashes(0)
            .withLoad(
                base.load()
                    .withRate(20)
                    .withClients(6)
                    .withMaxPendingPerClient(4)
                    .withResubmitAfterMicros(1_000_000))
            .withConsensusSection(
                new ObjectMapper()
                    .readTree(
                        "{\"electionTimeoutMinMillis\":300,\"electionTimeoutMaxMillis\":600,"
                            + "\"heartbeatMillis\":50}"));
    io.consensio.sim.SimulationResult direct = new io.consensio.sim.Simulation(config).run();
    String replay = direct.replayCommand();
    assertThat(replay).startsWith("./consensio simulate ").doesNotContain("not exact");

    java.util.List<String> args = shellWords(replay.substring("./consensio ".length()));
    args.add("--json");
    assertThat(run(args.toArray(String[]::new))).as(err.toString()).isZero();
    JsonNode replayed = new ObjectMapper().readTree(out.toString());

    assertThat(replayed.get("traceHash").asText()).isEqualTo(direct.traceHash());
    assertThat(replayed.get("committedTxs").asLong()).isEqualTo(direct.committedTxs());
  }

  /** Splits a shell command line on spaces, keeping single-quoted words whole. */
  private static java.util.List<String> shellWords(String line) {
    java.util.List<String> words = new java.util.ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean quoted = false;
    for (char c : line.toCharArray()) {
      if (c == '\'') {
        quoted = !quoted;
      } else if (c == ' ' && !quoted) {
        if (word.length() > 0) {
          words.add(word.toString());
          word.setLength(0);
        }
      } else {
        word.append(c);
      }
    }
    if (word.length() > 0) {
      words.add(word.toString());
    }
    return words;
  }

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return ConsensioCli.commandLine()
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true))
        .execute(args);
  }

  @Test
  void printsTheJsonSummaryAndTheSameArgumentsGiveTheSameTrace() throws Exception {
    String[] args = {
      "simulate",
      "--consensus",
      "poa",
      "--nodes",
      "4",
      "--seed",
      "7",
      "--duration",
      "5s",
      "--settle",
      "5s",
      "--faults",
      "loss=0.1,crash",
      "--json"
    };
    assertThat(run(args)).isZero();
    JsonNode first = new ObjectMapper().readTree(out.toString());
    out.getBuffer().setLength(0);
    assertThat(run(args)).isZero();
    JsonNode second = new ObjectMapper().readTree(out.toString());

    for (String field :
        new String[] {
          "consensus",
          "nodes",
          "seed",
          "simulatedSeconds",
          "committedTxs",
          "height",
          "safetyViolations",
          "committedTxsLost",
          "traceHash"
        }) {
      assertThat(first.has(field)).as(field).isTrue();
    }
    assertThat(first.get("consensus").asText()).isEqualTo("poa");
    assertThat(first.get("safetyViolations").asLong()).isZero();
    assertThat(first.get("committedTxsLost").asLong()).isZero();
    assertThat(first.get("committedTxs").asLong()).isPositive();
    assertThat(second.get("traceHash")).isEqualTo(first.get("traceHash"));
  }

  @Test
  void anUnknownConsensusTypeListsTheAvailableOnes() {
    assertThat(run("simulate", "--consensus", "paxos")).isEqualTo(2);
    assertThat(err.toString()).contains("unknown consensus type 'paxos'").contains("poa");
  }

  @Test
  void anUnknownFaultIsNamed() {
    assertThat(run("simulate", "--consensus", "poa", "--faults", "flood")).isEqualTo(2);
    assertThat(err.toString()).contains("unknown fault 'flood'");
  }

  @Test
  void theEngineConfigFileReachesTheEngineWhichNamesABadKey(@TempDir Path dir) throws Exception {
    Path good = Files.writeString(dir.resolve("poa.yaml"), "blockIntervalMillis: 20\n");
    Path bad = Files.writeString(dir.resolve("bad.yaml"), "blockInterval: 20\n");
    assertThat(
            run(
                "simulate",
                "--consensus",
                "poa",
                "--duration",
                "2s",
                "--settle",
                "2s",
                "--engine-config",
                good.toString()))
        .isZero();
    assertThat(run("simulate", "--consensus", "poa", "--engine-config", bad.toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("consensus.poa.blockInterval").contains("unknown setting");
  }

  @Test
  void aMalformedDurationIsAUsageError() {
    assertThat(run("simulate", "--consensus", "poa", "--duration", "soon")).isEqualTo(2);
    assertThat(err.toString()).contains("'soon' is not a duration");
  }

  @Test
  void aCampaignPrintsItsFiguresAndAReplayedSeedGivesTheSameSteps() {
    assertThat(
            run("simulate", "--campaign", "--engine", "poa", "--seeds", "3", "--first-seed", "5"))
        .isZero();
    String campaign = out.toString();
    assertThat(campaign)
        .contains(
            "poa: seeds 3, steps ",
            "safety violations 0, committed transactions lost 0, forged messages accepted 0",
            "liveness failures 0");

    out.getBuffer().setLength(0);
    assertThat(
            run("simulate", "--campaign", "--engine", "poa", "--seeds", "1", "--first-seed", "6"))
        .isZero();
    String once = out.toString().lines().findFirst().orElseThrow();
    out.getBuffer().setLength(0);
    run("simulate", "--campaign", "--engine", "poa", "--seeds", "1", "--first-seed", "6");
    assertThat(out.toString().lines().findFirst().orElseThrow()).isEqualTo(once);
  }

  @Test
  void aCampaignOverAnUnknownEngineNamesTheKnownOnes() {
    assertThat(run("simulate", "--campaign", "--engine", "paxos", "--seeds", "1")).isEqualTo(2);
    assertThat(err.toString()).contains("paxos").contains("raft").contains("pbft");
  }

  @Test
  void withoutCampaignTheConsensusIsRequired() {
    assertThat(run("simulate")).isEqualTo(2);
    assertThat(err.toString()).contains("--consensus");
  }
}

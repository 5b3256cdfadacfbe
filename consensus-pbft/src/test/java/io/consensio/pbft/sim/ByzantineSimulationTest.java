package io.consensio.pbft.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.consensio.pbft.PbftConfig.Authentication;
import io.consensio.runtime.node.ConsensusRegistry;
import io.consensio.sim.SimNode;
import io.consensio.sim.Simulation;
import io.consensio.sim.SimulationConfig;
import io.consensio.sim.SimulationResult;
import io.consensio.sim.fault.FaultPlan;
import io.consensio.sim.load.LoadConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * f byzantine replicas out of 3f+1, for f = 1 and f = 2, on the {@code sim} module's Simulation:
 * the real node core (ledger, state machine, mempool and gossip), Ed25519 signatures, a simulated
 * network with loss, duplication, reordering and partitions, and crash-restart with lost unsynced
 * writes — with the byzantine replicas hosted through {@link ByzantinePbftProvider}. Each run
 * checks the simulator's invariants (no two nodes finalize different blocks at one height, final
 * transactions are never lost), that no forged message was accepted, and that every client
 * transaction is final once the network heals while the byzantine replicas go on misbehaving. The
 * 500-seed sweep of the same behaviours is {@code RandomizedSafetyTest}; these runs are few because
 * each costs a real node core per replica.
 */
class ByzantineSimulationTest {

  private record Outcome(
      SimulationResult result, ByzantinePbftProvider provider, Simulation simulation) {
    /** A counter summed over all nodes. */
    long total(String counter) {
      return simulation.nodes().values().stream()
          .mapToLong(n -> n.metrics().counterTotal(counter))
          .sum();
    }
  }

  private static Outcome run(int n, long seed, String faults, Map<String, String> byzantine) {
    return run(n, seed, faults, byzantine, Authentication.SIGNATURES);
  }

  private static Outcome run(
      int n, long seed, String faults, Map<String, String> byzantine, Authentication mode) {
    ObjectNode section = JsonNodeFactory.instance.objectNode();
    section.put("authentication", mode.configValue());
    section.put("requestTimeoutMillis", 500);
    section.put("viewChangeTimeoutMillis", 500);
    section.put("checkpointInterval", 10);
    ObjectNode roles = section.putObject("byzantine");
    byzantine.forEach(roles::put);
    SimulationConfig config =
        SimulationConfig.of(ByzantinePbftProvider.NAME, n, seed)
            .withFaults(FaultPlan.parse(faults))
            .withDurations(4_000, 8_000)
            .withLoad(LoadConfig.defaults().withRate(20))
            .withConsensusSection(section);
    ConsensusRegistry registry =
        ConsensusRegistry.load(ByzantineSimulationTest.class.getClassLoader());
    ByzantinePbftProvider provider =
        (ByzantinePbftProvider) registry.find(ByzantinePbftProvider.NAME);
    Simulation simulation = new Simulation(config, registry);
    SimulationResult result = simulation.run();
    String replay =
        mode.configValue()
            + ", byzantine "
            + byzantine
            + ", faults "
            + faults
            + ", seed "
            + seed
            + "\n"
            + String.join("\n", result.violations());
    assertThat(result.safetyViolations()).as(replay).isZero();
    assertThat(result.committedTxsLost()).as(replay).isZero();
    assertThat(provider.forgedAccepted()).as("forged messages accepted; " + replay).isZero();
    assertThat(result.committedTxs()).as("progress; " + replay).isPositive();
    assertThat(result.pendingTxs()).as("all final after the heal; " + replay).isZero();
    for (SimNode node : simulation.nodes().values()) {
      assertThat(node.metrics().counterTotal("pbft.handler.errors")).as(replay).isZero();
    }
    return new Outcome(result, provider, simulation);
  }

  @Test
  void equivocatingPrimaryUnderLossFOne() {
    Outcome o = run(4, 1, "loss=0.05,dup=0.02,reorder=0.1", Map.of("node-00", "EQUIVOCATE"));
    assertThat(o.total("pbft.view_changes.installed")).as("the primary was replaced").isPositive();
  }

  @Test
  void equivocatingPrimaryWithAnAccompliceUnderLossFTwo() {
    Outcome o =
        run(
            7,
            2,
            "loss=0.05,reorder=0.1",
            Map.of("node-00", "EQUIVOCATE", "node-03", "EQUIVOCATE"));
    assertThat(o.total("pbft.view_changes.installed")).as("the primary was replaced").isPositive();
  }

  @Test
  void equivocatingPrimaryWithMacAuthenticatedPrePreparesFOneAndFTwo() {
    Outcome one =
        run(
            4,
            11,
            "loss=0.05,dup=0.02,reorder=0.1",
            Map.of("node-00", "EQUIVOCATE"),
            Authentication.MACS);
    Outcome two =
        run(
            7,
            12,
            "loss=0.05,reorder=0.1",
            Map.of("node-00", "EQUIVOCATE", "node-03", "EQUIVOCATE"),
            Authentication.MACS);
    assertThat(one.total("pbft.view_changes.installed")).isPositive();
    assertThat(two.total("pbft.view_changes.installed")).isPositive();
    assertThat(one.total("pbft.authenticated"))
        .as("pre-prepares were accepted on their MACs")
        .isPositive();
    assertThat(two.total("pbft.authenticated")).isPositive();
  }

  @Test
  void forgedAuthenticatorsAndWrongDigestsWithMacsUnderCrashRestart() {
    Outcome forged = run(4, 13, "crash,loss=0.05", Map.of("node-00", "FORGE"), Authentication.MACS);
    run(
        7,
        14,
        "partition",
        Map.of("node-02", "WRONG_DIGESTS", "node-05", "REPLAY"),
        Authentication.MACS);
    assertThat(forged.provider().forgedDelivered()).isPositive();
    assertThat(forged.total("pbft.dropped"))
        .as("tags spoiled or meant for another replica are counted as dropped")
        .isGreaterThanOrEqualTo(forged.provider().forgedDelivered());
  }

  @Test
  void silentPrimaryUnderPartitionsFOne() {
    Outcome o = run(4, 3, "partition", Map.of("node-00", "SILENT"));
    assertThat(o.total("pbft.view_changes.installed")).as("the primary was replaced").isPositive();
  }

  @Test
  void twoSilentPrimariesInARowUnderPartitionsFTwo() {
    // node-00 and node-01 are the primaries of views 0 and 1: two view changes in a row.
    Outcome o = run(7, 4, "partition", Map.of("node-00", "SILENT", "node-01", "SILENT"));
    assertThat(o.result().committedTxs()).isPositive();
    // Views 0 and 1 both have a silent primary: the honest replicas end in view 2 or later.
    for (SimNode node : o.simulation().nodes().values()) {
      if (!node.id().value().equals("node-00") && !node.id().value().equals("node-01")) {
        assertThat(node.core().status().round()).isGreaterThanOrEqualTo(2);
      }
    }
  }

  @Test
  void wrongDigestsAndReplaysUnderCrashRestart() {
    run(4, 5, "crash,loss=0.05", Map.of("node-02", "WRONG_DIGESTS"));
    run(7, 6, "crash,loss=0.05", Map.of("node-02", "WRONG_DIGESTS", "node-05", "REPLAY"));
  }

  @Test
  void forgedSignaturesAreNeverAcceptedFOneAndFTwo() {
    Outcome one = run(4, 7, "loss=0.05,dup=0.05", Map.of("node-01", "FORGE"));
    Outcome two = run(7, 8, "partition", Map.of("node-00", "FORGE", "node-04", "FORGE"));
    assertThat(one.provider().forgedDelivered()).isPositive();
    assertThat(two.provider().forgedDelivered()).isPositive();
  }
}

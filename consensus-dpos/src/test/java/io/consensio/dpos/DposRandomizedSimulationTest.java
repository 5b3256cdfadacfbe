package io.consensio.dpos;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.ledger.ChainStore;
import io.consensio.api.types.Block;
import io.consensio.sim.SimNode;
import io.consensio.sim.Simulation;
import io.consensio.sim.SimulationConfig;
import io.consensio.sim.SimulationResult;
import io.consensio.sim.fault.FaultPlan;
import io.consensio.sim.load.LoadConfig;
import org.junit.jupiter.api.Test;

/**
 * Issue 8's randomized check: 300 seeds, each a 4-delegate cluster under 10% message loss, random
 * partitions (minority/majority splits and one-way blocks) and crash-restarts that lose unsynced
 * writes, while clients submit transfers and key/value writes. After every seed:
 *
 * <ul>
 *   <li>no irreversible block was reverted and no two nodes' final states diverged — the
 *       simulator's invariant monitor checks both every 100 ms of virtual time (finality never
 *       reverts, final blocks agree, state roots agree and match each node's execution, committed
 *       transactions survive crashes);
 *   <li>production resumed after the heal: every node's LIB is a block produced after the faults
 *       stopped, all nodes agree on the chain up to the lowest LIB, and every client transaction is
 *       final.
 * </ul>
 *
 * <p>Kept cheap (about 45 ms of CPU per seed) by short phases — 6 s of faults, 7 s to settle, 500
 * ms slots — and light load; over all seeds the test also checks that the faults really happened
 * (restarts, fork switches, dropped messages), or the safety checks would prove nothing. A failure
 * names the seed; {@link #run(long)} replays it.
 */
class DposRandomizedSimulationTest {
  static final int SEEDS = 300;
  private static final long FAULT_PHASE_MILLIS = 6_000;
  private static final long SETTLE_MILLIS = 7_000;
  private static final int NODES = 4;

  /** Figures summed over all seeds, to show the faults were exercised. */
  private record Exercised(long restarts, long forkSwitches, long messagesDropped, long finalTxs) {
    Exercised plus(Exercised o) {
      return new Exercised(
          restarts + o.restarts,
          forkSwitches + o.forkSwitches,
          messagesDropped + o.messagesDropped,
          finalTxs + o.finalTxs);
    }
  }

  @Test
  void noFinalBlockRevertsNoStateDivergesAndProductionResumesAfterTheHeal() {
    Exercised total = new Exercised(0, 0, 0, 0);
    for (long seed = 1; seed <= SEEDS; seed++) {
      total = total.plus(run(seed));
    }
    assertThat(total.restarts()).as("crash-restarts over all seeds").isGreaterThan(SEEDS / 2);
    assertThat(total.forkSwitches()).as("fork switches over all seeds").isGreaterThan(SEEDS / 2);
    assertThat(total.messagesDropped()).as("messages lost").isGreaterThan(10L * SEEDS);
    assertThat(total.finalTxs()).as("client transactions made final").isGreaterThan(10L * SEEDS);
  }

  /** One seed, with every per-seed assertion; replays a failure on its own. */
  static Exercised run(long seed) {
    SimulationConfig config =
        SimulationConfig.of("dpos", NODES, seed)
            .withFaults(FaultPlan.parse("loss=0.1,partition,crash"))
            .withLoad(
                LoadConfig.defaults().withRate(5).withClients(4).withResubmitAfterMicros(1_500_000))
            .withDurations(FAULT_PHASE_MILLIS, SETTLE_MILLIS);
    Simulation simulation = new Simulation(config);
    SimulationResult result = simulation.run();
    String replay =
        "seed "
            + seed
            + " (replay: DposRandomizedSimulationTest.run("
            + seed
            + "L))\n"
            + String.join("\n", result.violations());
    assertThat(result.safetyViolations()).as("safety violations; %s", replay).isZero();
    assertThat(result.committedTxsLost()).as("committed txs lost; %s", replay).isZero();
    assertThat(result.pendingTxs()).as("txs never final; %s", replay).isZero();

    Block lowestFinal = null;
    long restarts = 0;
    long forkSwitches = 0;
    for (SimNode node : simulation.nodes().values()) {
      Block fin = node.core().chain().finalizedHead();
      assertThat(fin.header().timestampMillis())
          .as("%s finalizes blocks made after the heal; %s", node.id(), replay)
          .isGreaterThan(FAULT_PHASE_MILLIS);
      lowestFinal = lowestFinal == null || fin.height() < lowestFinal.height() ? fin : lowestFinal;
      assertThat(node.metrics().counterTotal("node.handler.error"))
          .as("%s: a handler threw; %s", node.id(), replay)
          .isZero();
      assertThat(node.metrics().counterTotal("ledger.seal.check.failed"))
          .as("%s: a seal check threw; %s", node.id(), replay)
          .isZero();
      restarts += node.metrics().counterTotal("dpos.engine.started") - 1;
      forkSwitches += node.metrics().counterTotal("dpos.fork.switched");
    }
    for (SimNode node : simulation.nodes().values()) {
      ChainStore chain = node.core().chain();
      assertThat(chain.canonicalAt(lowestFinal.height()))
          .as("%s agrees at the lowest final height; %s", node.id(), replay)
          .contains(lowestFinal);
    }
    return new Exercised(restarts, forkSwitches, result.messagesDropped(), result.committedTxs());
  }
}

package io.consensio.examples.poa;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.ledger.ChainStore;
import io.consensio.api.types.Hash;
import io.consensio.sim.SimNode;
import io.consensio.sim.Simulation;
import io.consensio.sim.SimulationConfig;
import io.consensio.sim.SimulationResult;
import io.consensio.sim.fault.FaultPlan;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The end-to-end path a user's module takes: four simulated nodes, over a thousand client
 * transactions, every one final on every node with identical state roots — on a healthy network,
 * and with 10% message loss while nodes crash and restart.
 */
class PoaScenarioTest {
  private static SimulationConfig thousandTransactions(String faults) {
    SimulationConfig base = SimulationConfig.of("poa", 4, 11);
    return base.withFaults(FaultPlan.parse(faults))
        .withDurations(20_000, 30_000)
        .withLoad(base.load().withClients(40).withRate(100));
  }

  private static void assertEveryTransactionFinalOnEveryNodeWithEqualState(
      Simulation simulation, SimulationResult result) {
    String replay = result.replayCommand();
    assertThat(result.safetyViolations()).as(replay).isZero();
    assertThat(result.committedTxsLost()).as(replay).isZero();
    List<Hash> submitted = simulation.submittedTransactions();
    assertThat(submitted).as(replay).hasSizeGreaterThanOrEqualTo(1_000);
    assertThat(result.committedTxs()).as(replay).isEqualTo(submitted.size());

    Hash finalHead = null;
    Hash stateRoot = null;
    for (SimNode node : simulation.nodes().values()) {
      ChainStore chain = node.core().chain();
      for (Hash tx : submitted) {
        assertThat(chain.findTransaction(tx))
            .as("%s holds %s as final; %s", node.id(), tx, replay)
            .hasValueSatisfying(location -> assertThat(location.isFinal()).isTrue());
      }
      Hash head = chain.finalizedHead().id();
      Hash root = chain.stateAt(head).orElseThrow().stateRoot();
      if (finalHead == null) {
        finalHead = head;
        stateRoot = root;
      }
      assertThat(head).as("finalized head of %s", node.id()).isEqualTo(finalHead);
      assertThat(root).as("state root of %s", node.id()).isEqualTo(stateRoot);
    }
  }

  @Test
  void aThousandTransactionsAreFinalOnEveryNodeWithIdenticalState() {
    Simulation simulation = new Simulation(thousandTransactions("none"));
    assertEveryTransactionFinalOnEveryNodeWithEqualState(simulation, simulation.run());
  }

  @Test
  void aThousandTransactionsSurviveTenPercentLossAndACrashRestart() {
    Simulation simulation = new Simulation(thousandTransactions("loss=0.1,crash"));
    SimulationResult result = simulation.run();
    long restarts =
        simulation.nodes().values().stream().mapToLong(n -> n.core() == null ? 0 : 1).sum();
    assertThat(restarts).isEqualTo(4);
    assertEveryTransactionFinalOnEveryNodeWithEqualState(simulation, result);
  }
}

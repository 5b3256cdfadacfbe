package io.consensio.pow.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.ledger.ChainStore;
import io.consensio.api.ledger.TxLocation;
import io.consensio.api.types.Hash;
import io.consensio.sim.SimNode;
import io.consensio.sim.Simulation;
import io.consensio.sim.SimulationConfig;
import io.consensio.sim.SimulationResult;
import org.junit.jupiter.api.Test;

/**
 * A transaction is final once its block has k confirmations (the block itself and k-1 on top,
 * counted as Bitcoin counts them and as the HTTP status reports them: head height − block height +
 * 1), and not before. Checked on every node of a healthy cluster for every client transaction.
 */
class ConfirmationsTest {
  static final long INTERVAL = 1_000;
  static final int K = 4;

  @Test
  void aTransactionIsFinalExactlyWhenItHasKConfirmations() {
    SimulationConfig base = SimulationConfig.of("pow", 3, 17);
    SimulationConfig config =
        base.withDurations(20_000, 0)
            .withLoad(base.load().withRate(5))
            .withComputeUnitsPerSecond(SimPow.hashRate(3, INTERVAL))
            .withConsensusSection(SimPow.section(INTERVAL, K));
    Simulation simulation = new Simulation(config);
    SimulationResult result = simulation.run();
    String replay = result.replayCommand();
    long finalSeen = 0;
    long pendingSeen = 0;
    for (SimNode node : simulation.nodes().values()) {
      ChainStore chain = node.core().chain();
      long head = chain.head().height();
      assertThat(node.core().status().details()).containsEntry("confirmations", K);
      assertThat(chain.finalizedHead().height())
          .as("%s; %s", node.id(), replay)
          .isEqualTo(head - K + 1);
      for (Hash tx : simulation.submittedTransactions()) {
        TxLocation location = chain.findTransaction(tx).orElse(null);
        if (location == null) {
          continue;
        }
        long confirmations = head - location.height() + 1;
        assertThat(location.isFinal())
            .as("%s on %s with %d confirmations; %s", tx, node.id(), confirmations, replay)
            .isEqualTo(confirmations >= K);
        if (location.isFinal()) {
          finalSeen++;
        } else {
          pendingSeen++;
        }
      }
    }
    assertThat(finalSeen).as("transactions with k confirmations").isPositive();
    assertThat(pendingSeen).as("transactions with fewer than k confirmations").isPositive();
  }
}

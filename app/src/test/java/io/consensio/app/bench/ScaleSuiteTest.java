package io.consensio.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.sim.scale.ScaleResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * PBFT's normal case sends O(n²) messages per request (every replica multicasts PREPARE and COMMIT,
 * Castro and Liskov 1999 §4.2), Raft's leader O(n) (one AppendEntries and one reply per follower,
 * Ongaro and Ousterhout 2014 §5.3): the simulated study must show it.
 */
class ScaleSuiteTest {
  private static final int[] SIZES = {4, 7, 10};

  private static List<ScaleResult> run(String consensus) {
    List<ScaleResult> results = new ArrayList<>();
    for (int n : SIZES) {
      results.add(ScaleSuite.run(new ScaleSuite.Point(consensus, n, 2_000, 2_000)));
    }
    return results;
  }

  /** How the cost grows with n: the exponent k of cost ~ n^k between the smallest and largest. */
  private static double growthExponent(List<ScaleResult> results) {
    ScaleResult first = results.get(0);
    ScaleResult last = results.get(results.size() - 1);
    return Math.log(last.consensusMessagesPerTx() / first.consensusMessagesPerTx())
        / Math.log((double) last.nodes() / first.nodes());
  }

  @Test
  void consensusMessagesPerTransactionGrowWithNAndFasterForPbftThanForRaft() {
    List<ScaleResult> raft = run("raft");
    List<ScaleResult> pbft = run("pbft");

    for (List<ScaleResult> results : List.of(raft, pbft)) {
      for (int i = 0; i < results.size(); i++) {
        ScaleResult r = results.get(i);
        assertThat(r.safe()).as("%s n=%d safe", r.consensus(), r.nodes()).isTrue();
        assertThat(r.committedTxs()).as("%s n=%d committed", r.consensus(), r.nodes()).isPositive();
        if (i > 0) {
          assertThat(r.consensusMessagesPerTx())
              .as("%s: messages per tx at n=%d vs n=%d", r.consensus(), r.nodes(), SIZES[i - 1])
              .isGreaterThan(results.get(i - 1).consensusMessagesPerTx());
        }
      }
    }
    double raftGrowth = growthExponent(raft);
    double pbftGrowth = growthExponent(pbft);
    assertThat(pbftGrowth)
        .as("PBFT's growth exponent vs Raft's %.2f", raftGrowth)
        .isGreaterThan(raftGrowth);
    assertThat(pbft.get(SIZES.length - 1).consensusMessagesPerTx())
        .isGreaterThan(raft.get(SIZES.length - 1).consensusMessagesPerTx());
  }

  @Test
  void aPowRunRelaysOverThePeerOverlayAndCountsProducedAndStaleBlocks() {
    ScaleResult pow = ScaleSuite.run(new ScaleSuite.Point("pow", 50, 600_000, 0));

    assertThat(pow.safe()).isTrue();
    // a sparse overlay, not the full mesh of 49 peers each
    assertThat(pow.overlayDegree()).isGreaterThan(ScaleSuite.POW_OUTBOUND_PEERS).isLessThan(49);
    assertThat(pow.finalizedHeight()).isPositive();
    assertThat(pow.blocksProduced()).isGreaterThanOrEqualTo(pow.finalizedHeight());
    assertThat(pow.staleRate()).isGreaterThanOrEqualTo(0).isLessThan(1);
    assertThat(pow.committedTxs()).isPositive();
    assertThat(pow.viewChanges()).isEqualTo(-1);
  }
}

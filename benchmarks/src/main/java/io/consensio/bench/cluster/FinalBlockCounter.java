package io.consensio.bench.cluster;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH secondary metric of {@link ClusterThroughputBenchmark}: blocks that became final on the entry
 * node during the measured invocations, reported by JMH as {@code commitTransactions:blocks} in
 * blocks per second (an {@link AuxCounters.Type#OPERATIONS} counter is divided by the iteration's
 * measured time, the same time the transactions/s score is divided by).
 *
 * <p>Blocks, not transactions: a slot-based engine (PoS, DPoS) produces a block every slot whether
 * or not it is full, so its block rate shows the slot length and the transaction rate shows how
 * full the blocks were; both are needed to compare it with engines that cut a block whenever there
 * is work.
 *
 * <p>Threading: a {@link Scope#Thread} state (JMH requires it for auxiliary counters), touched only
 * by the benchmark thread.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class FinalBlockCounter {
  /** Final blocks counted in the current iteration; JMH reads this public field. */
  public long blocks;

  /** JMH accumulates nothing itself: each iteration starts from zero. */
  @Setup(Level.Iteration)
  public void reset() {
    blocks = 0;
  }

  /**
   * Adds the blocks that became final between two readings of {@link ConsensioTarget#finalHeight()}
   * (before and after one invocation): exactly the blocks with a height above {@code before} and at
   * most {@code after}, since a feed hands out every final height once, in order.
   */
  void countBetween(long before, long after) {
    if (after < before) {
      throw new IllegalStateException(
          "final height went back from " + before + " to " + after + ": a final block reverted");
    }
    blocks += after - before;
  }
}

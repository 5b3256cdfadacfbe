package io.consensio.pow.sim;

import io.consensio.sim.ConsensusConformanceTests;
import io.consensio.sim.SimulationConfig;

/**
 * The shared safety and liveness suite, run against proof of work.
 *
 * <p>Timings differ from the defaults because PoW finality is probabilistic. The fault scheduler
 * partitions the cluster for 1-6 s; a side that mines k blocks on its own during a partition
 * finalizes them, and if the other side does too the two can never merge. With a 1 s interval split
 * between the sides, k = 12 makes that a tail event (a half-network side needs 12 blocks in at most
 * 6 s, about 1 in 10^4 per partition). After the heal the last transactions need those k
 * confirmations: about 12 s of mining, so the settle phase is 30 s instead of 20 s.
 */
class PowConformanceTest extends ConsensusConformanceTests {
  static final long INTERVAL_MILLIS = 1_000;
  static final int CONFIRMATIONS = 12;

  @Override
  protected String consensusType() {
    return "pow";
  }

  @Override
  protected long settleMillis() {
    return 30_000;
  }

  @Override
  protected SimulationConfig config(long seed, String faults) {
    return super.config(seed, faults)
        .withComputeUnitsPerSecond(SimPow.hashRate(nodes(), INTERVAL_MILLIS))
        .withConsensusSection(SimPow.section(INTERVAL_MILLIS, CONFIRMATIONS));
  }
}

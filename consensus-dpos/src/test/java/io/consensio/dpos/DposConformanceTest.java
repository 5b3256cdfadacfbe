package io.consensio.dpos;

import io.consensio.sim.ConsensusConformanceTests;

/** The shared safety/liveness/determinism suite, run against DPoS with its default 500 ms slots. */
class DposConformanceTest extends ConsensusConformanceTests {
  @Override
  protected String consensusType() {
    return "dpos";
  }
}

package io.consensio.pos;

import io.consensio.sim.ConsensusConformanceTests;

class PosConformanceTest extends ConsensusConformanceTests {
  @Override
  protected String consensusType() {
    return "pos";
  }
}

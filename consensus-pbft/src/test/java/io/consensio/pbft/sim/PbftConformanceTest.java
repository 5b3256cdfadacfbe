package io.consensio.pbft.sim;

import io.consensio.sim.ConsensusConformanceTests;

class PbftConformanceTest extends ConsensusConformanceTests {
  @Override
  protected String consensusType() {
    return "pbft";
  }
}

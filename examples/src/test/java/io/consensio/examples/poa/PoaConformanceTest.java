package io.consensio.examples.poa;

import io.consensio.sim.ConsensusConformanceTests;

class PoaConformanceTest extends ConsensusConformanceTests {
  @Override
  protected String consensusType() {
    return "poa";
  }
}

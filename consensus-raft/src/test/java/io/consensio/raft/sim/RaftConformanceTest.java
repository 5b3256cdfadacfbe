package io.consensio.raft.sim;

import io.consensio.sim.ConsensusConformanceTests;

class RaftConformanceTest extends ConsensusConformanceTests {
  @Override
  protected String consensusType() {
    return "raft";
  }
}

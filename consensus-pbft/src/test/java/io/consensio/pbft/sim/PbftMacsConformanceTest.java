package io.consensio.pbft.sim;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.consensio.sim.ConsensusConformanceTests;
import io.consensio.sim.SimulationConfig;

/**
 * The conformance suite with {@code consensus.pbft.authentication: macs}: PRE-PREPAREs carry MAC
 * authenticators, keys are exchanged with NEW-KEY, and crash-restart makes a replica learn its
 * peers' keys again. One seed per scenario (the signature runs use three) to keep the module's test
 * time in budget.
 */
class PbftMacsConformanceTest extends ConsensusConformanceTests {
  @Override
  protected String consensusType() {
    return "pbft";
  }

  @Override
  protected int seedsPerScenario() {
    return 1;
  }

  @Override
  protected SimulationConfig config(long seed, String faults) {
    ObjectNode section = JsonNodeFactory.instance.objectNode();
    section.put("authentication", "macs");
    return super.config(seed, faults).withConsensusSection(section);
  }
}

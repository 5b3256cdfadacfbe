package io.consensio.app.fuzz;

import io.consensio.api.types.NodeId;
import io.consensio.app.reliability.CampaignProfiles;
import io.consensio.runtime.metrics.InMemoryMetrics;
import io.consensio.runtime.net.MessageChannel;
import io.consensio.runtime.node.ConsensusRegistry;
import io.consensio.sim.SimNode;
import io.consensio.sim.Simulation;
import io.consensio.sim.SimulationConfig;
import io.consensio.sim.campaign.CampaignProfile;
import java.util.Map;
import java.util.TreeMap;

/**
 * A running node of each built-in engine, with a real context from the simulator: a 4-node cluster
 * runs half a simulated second with client load, so the node has a chain, peers and an engine in
 * its normal state; then inputs go straight into its message handler, from a real member.
 */
final class EngineHarness {
  static final NodeId TARGET = Simulation.nodeId(0);
  static final NodeId PEER = Simulation.nodeId(1);

  private final Map<String, SimNode> nodes = new TreeMap<>();

  EngineHarness() {
    ConsensusRegistry registry = ConsensusRegistry.loadDefault();
    for (String engine : CampaignProfiles.names()) {
      CampaignProfile profile = CampaignProfiles.of(engine);
      SimulationConfig config =
          SimulationConfig.of(engine, 4, 1)
              .withDurations(500, 0)
              .withConsensusSection(profile.consensusSection())
              .withComputeUnitsPerSecond(profile.computeUnitsPerSecond());
      Simulation simulation = new Simulation(config, registry);
      simulation.run();
      nodes.put(engine, simulation.nodes().get(TARGET));
    }
  }

  String[] engines() {
    return nodes.keySet().toArray(String[]::new);
  }

  /** Hands {@code payload} to {@code engine}'s node as a consensus message from {@link #PEER}. */
  void deliver(String engine, byte[] payload) {
    nodes.get(engine).core().onMessage(PEER, MessageChannel.CONSENSUS, payload);
  }

  InMemoryMetrics metrics(String engine) {
    return nodes.get(engine).metrics();
  }

  /** Exceptions that escaped the engine's handler (the node core caught and counted them). */
  long escapedExceptions(String engine) {
    return metrics(engine).counterTotal("node.handler.error");
  }
}

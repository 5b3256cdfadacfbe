package io.consensio.app.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.types.NodeId;
import io.consensio.runtime.node.ConsensusRegistry;
import io.consensio.sim.Simulation;
import io.consensio.sim.SimulationConfig;
import io.consensio.sim.SimulationResult;
import io.consensio.sim.byzantine.ByzantineAdversary;
import io.consensio.sim.byzantine.ByzantineBehaviour;
import io.consensio.sim.byzantine.ForgeryLedger;
import io.consensio.sim.random.SeedTree;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The byzantine layer does what it claims: forged messages are measured as accepted exactly when an
 * engine acts on them, and twins make a real engine see equivocation.
 */
class ForgeryAccountingTest {
  private static final List<NodeId> MEMBERS =
      List.of(
          Simulation.nodeId(0), Simulation.nodeId(1), Simulation.nodeId(2), Simulation.nodeId(3));
  private static final ByzantineBehaviour FORGER = new ByzantineBehaviour(0, 0, 0, 0, 1.0, false);

  @TempDir Path services;

  /** The default engines plus the two relay test engines, found the way plugins are. */
  private ConsensusRegistry registryWithRelayEngines() throws IOException {
    Path file = services.resolve("META-INF/services/io.consensio.api.ConsensusProvider");
    Files.createDirectories(file.getParent());
    Files.writeString(
        file, RelayProvider.class.getName() + "\n" + RelayProvider.Gullible.class.getName() + "\n");
    return ConsensusRegistry.load(
        new URLClassLoader(
            new java.net.URL[] {services.toUri().toURL()}, getClass().getClassLoader()));
  }

  private ForgeryLedger runWithForger(String consensus, ConsensusRegistry registry) {
    SimulationConfig config = SimulationConfig.of(consensus, 4, 7).withDurations(2_000, 1_000);
    ByzantineAdversary adversary =
        new ByzantineAdversary(Map.of(MEMBERS.get(3), FORGER), MEMBERS, new SeedTree(7));
    new Simulation(config, registry, adversary).run();
    return adversary.forgeries();
  }

  @Test
  void anEngineThatRelaysForgedAnnouncementsIsCaught() throws IOException {
    ForgeryLedger ledger = runWithForger("relay-gullible", registryWithRelayEngines());

    assertThat(ledger.delivered()).isPositive();
    assertThat(ledger.accepted()).isPositive();
    assertThat(ledger.acceptedDescriptions()).allMatch(d -> d.contains("a consensus message"));
  }

  @Test
  void anEngineThatChecksSignaturesAcceptsNoForgery() throws IOException {
    ForgeryLedger ledger = runWithForger("relay-careful", registryWithRelayEngines());

    assertThat(ledger.delivered()).isPositive();
    assertThat(ledger.refusedBySignature()).isEqualTo(ledger.delivered());
    assertThat(ledger.accepted()).isZero();
  }

  @Test
  void pbftRefusesEveryForgedMessageItIsSent() {
    ForgeryLedger ledger = runWithForger("pbft", ConsensusRegistry.loadDefault());

    assertThat(ledger.delivered()).isPositive();
    assertThat(ledger.accepted()).isZero();
  }

  @Test
  void twinsSharingOneKeyMakeProofOfStakeDetectEquivocationWhileStayingSafe() {
    ByzantineBehaviour twin = new ByzantineBehaviour(0, 0, 0, 0, 0, true);
    SimulationConfig config = SimulationConfig.of("pos", 4, 11).withDurations(10_000, 10_000);
    ByzantineAdversary adversary =
        new ByzantineAdversary(Map.of(MEMBERS.get(0), twin), MEMBERS, new SeedTree(11));
    Simulation simulation = new Simulation(config, ConsensusRegistry.loadDefault(), adversary);
    SimulationResult result = simulation.run();

    long detected =
        MEMBERS.subList(1, 4).stream()
            .mapToLong(
                id ->
                    simulation.nodes().get(id).metrics().counterTotal("pos.equivocation.detected"))
            .sum();
    assertThat(detected).as("equivocations seen by honest nodes").isPositive();
    assertThat(result.isSafe()).as(result.violations().toString()).isTrue();
  }
}

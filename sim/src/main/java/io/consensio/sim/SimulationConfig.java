package io.consensio.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.consensio.sim.fault.FaultPlan;
import io.consensio.sim.load.LoadConfig;
import io.consensio.sim.net.LatencyModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One simulation run.
 *
 * @param consensus the {@code consensus.type} every node runs
 * @param nodes cluster size
 * @param seed the master seed: the same config and seed replay the same run, byte for byte
 * @param durationMillis virtual time of the fault phase, during which clients submit load
 * @param livenessMillis virtual time after every fault has been healed, for the cluster to finish
 *     the submitted work; transactions still not final at the end are liveness failures
 * @param faults the fault mix
 * @param maxConcurrentCrashes most nodes crashed at once
 * @param load what the clients submit
 * @param latency one-way message latency
 * @param consensusSection the engine's configuration section
 * @param computeUnitsPerSecond each node's simulated speed for {@code Compute} work (hashes per
 *     second for proof of work)
 */
public record SimulationConfig(
    String consensus,
    int nodes,
    long seed,
    long durationMillis,
    long livenessMillis,
    FaultPlan faults,
    int maxConcurrentCrashes,
    LoadConfig load,
    LatencyModel latency,
    JsonNode consensusSection,
    double computeUnitsPerSecond) {
  public SimulationConfig {
    Objects.requireNonNull(consensus);
    Objects.requireNonNull(faults);
    Objects.requireNonNull(load);
    Objects.requireNonNull(latency);
    if (nodes < 1 || nodes > 1_000) {
      throw new IllegalArgumentException("nodes must be 1..1000, got " + nodes);
    }
    if (durationMillis < 0 || livenessMillis < 0) {
      throw new IllegalArgumentException("durations must not be negative");
    }
    if (maxConcurrentCrashes < 0 || maxConcurrentCrashes >= nodes) {
      throw new IllegalArgumentException(
          "maxConcurrentCrashes must be 0.." + (nodes - 1) + ", got " + maxConcurrentCrashes);
    }
    consensusSection =
        consensusSection == null ? JsonNodeFactory.instance.objectNode() : consensusSection;
    if (!(computeUnitsPerSecond > 0)) {
      throw new IllegalArgumentException("computeUnitsPerSecond must be positive");
    }
  }

  /**
   * Defaults for a quick run: 30 s of faults and load at 50 tx/s, 30 s to settle, log-normal
   * latency with a 2 ms median and a 10 ms p99, at most one node in three crashed at once.
   */
  public static SimulationConfig of(String consensus, int nodes, long seed) {
    return new SimulationConfig(
        consensus,
        nodes,
        seed,
        30_000,
        30_000,
        FaultPlan.NONE,
        Math.max(0, (nodes - 1) / 3),
        LoadConfig.defaults().withRate(50),
        new LatencyModel.LogNormal(2_000, 10_000),
        null,
        1_000_000);
  }

  public SimulationConfig withFaults(FaultPlan plan) {
    return new SimulationConfig(
        consensus,
        nodes,
        seed,
        durationMillis,
        livenessMillis,
        plan,
        maxConcurrentCrashes,
        load,
        latency,
        consensusSection,
        computeUnitsPerSecond);
  }

  public SimulationConfig withDurations(long faultPhaseMillis, long settleMillis) {
    return new SimulationConfig(
        consensus,
        nodes,
        seed,
        faultPhaseMillis,
        settleMillis,
        faults,
        maxConcurrentCrashes,
        load,
        latency,
        consensusSection,
        computeUnitsPerSecond);
  }

  public SimulationConfig withLoad(LoadConfig newLoad) {
    return new SimulationConfig(
        consensus,
        nodes,
        seed,
        durationMillis,
        livenessMillis,
        faults,
        maxConcurrentCrashes,
        newLoad,
        latency,
        consensusSection,
        computeUnitsPerSecond);
  }

  public SimulationConfig withSeed(long newSeed) {
    return new SimulationConfig(
        consensus,
        nodes,
        newSeed,
        durationMillis,
        livenessMillis,
        faults,
        maxConcurrentCrashes,
        load,
        latency,
        consensusSection,
        computeUnitsPerSecond);
  }

  public SimulationConfig withConsensusSection(JsonNode section) {
    return new SimulationConfig(
        consensus,
        nodes,
        seed,
        durationMillis,
        livenessMillis,
        faults,
        maxConcurrentCrashes,
        load,
        latency,
        section,
        computeUnitsPerSecond);
  }

  public SimulationConfig withComputeUnitsPerSecond(double unitsPerSecond) {
    return new SimulationConfig(
        consensus,
        nodes,
        seed,
        durationMillis,
        livenessMillis,
        faults,
        maxConcurrentCrashes,
        load,
        latency,
        consensusSection,
        unitsPerSecond);
  }

  public SimulationConfig withLatency(LatencyModel newLatency) {
    return new SimulationConfig(
        consensus,
        nodes,
        seed,
        durationMillis,
        livenessMillis,
        faults,
        maxConcurrentCrashes,
        load,
        newLatency,
        consensusSection,
        computeUnitsPerSecond);
  }

  public SimulationConfig withMaxConcurrentCrashes(int max) {
    return new SimulationConfig(
        consensus,
        nodes,
        seed,
        durationMillis,
        livenessMillis,
        faults,
        max,
        load,
        latency,
        consensusSection,
        computeUnitsPerSecond);
  }

  /**
   * The command that replays this run from the shell: every setting the CLI can take is spelled
   * out, so a run configured in a test replays exactly (the same trace hash). A latency model or
   * load setting the CLI cannot express is named at the end instead.
   */
  public String replayCommand() {
    SimulationConfig defaults = of(consensus, nodes, seed);
    LoadConfig usual = defaults.load();
    StringBuilder command =
        new StringBuilder("./consensio simulate --consensus ")
            .append(consensus)
            .append(" --nodes ")
            .append(nodes)
            .append(" --seed ")
            .append(seed)
            .append(" --duration ")
            .append(durationMillis)
            .append("ms --settle ")
            .append(livenessMillis)
            .append("ms --faults ")
            .append(faults.equals(FaultPlan.NONE) ? "none" : faults)
            .append(" --rate ")
            .append(load.txPerSecond());
    if (load.clients() != usual.clients()) {
      command.append(" --clients ").append(load.clients());
    }
    if (load.maxPendingPerClient() != usual.maxPendingPerClient()) {
      command.append(" --max-pending-per-client ").append(load.maxPendingPerClient());
    }
    if (load.resubmitAfterMicros() != usual.resubmitAfterMicros()) {
      command.append(" --resubmit-after ").append(load.resubmitAfterMicros() / 1_000).append("ms");
    }
    if (maxConcurrentCrashes != defaults.maxConcurrentCrashes()) {
      command.append(" --max-crashes ").append(maxConcurrentCrashes);
    }
    if (consensusSection.size() > 0) {
      command.append(" --engine-config '").append(consensusSection).append('\'');
    }
    if (computeUnitsPerSecond != defaults.computeUnitsPerSecond()) {
      command.append(" --compute-rate ").append(computeUnitsPerSecond);
    }
    List<String> inexpressible = new ArrayList<>();
    if (!latency.equals(defaults.latency())) {
      inexpressible.add("latency " + latency);
    }
    if (!load.withClients(usual.clients())
        .withMaxPendingPerClient(usual.maxPendingPerClient())
        .withResubmitAfterMicros(usual.resubmitAfterMicros())
        .withRate(usual.txPerSecond())
        .equals(usual)) {
      inexpressible.add("load " + load);
    }
    if (load.resubmitAfterMicros() % 1_000 != 0) {
      inexpressible.add("resubmit after " + load.resubmitAfterMicros() + " µs");
    }
    if (!inexpressible.isEmpty()) {
      command.append("   # not exact, also set: ").append(String.join("; ", inexpressible));
    }
    return command.toString();
  }
}

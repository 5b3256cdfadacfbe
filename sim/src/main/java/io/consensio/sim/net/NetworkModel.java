package io.consensio.sim.net;

import java.util.Objects;

/**
 * How the simulated network misbehaves, applied independently to every message: it is lost with
 * {@code lossProbability}, otherwise delivered after a {@link LatencyModel} sample, a second copy
 * is delivered (with its own latency) with {@code duplicateProbability}, and with {@code
 * reorderProbability} a copy is held back by an extra delay uniform in [0, {@code
 * reorderMaxExtraMicros}] so that later messages overtake it. Bandwidth is not modelled. Immutable.
 */
public record NetworkModel(
    LatencyModel latency,
    double lossProbability,
    double duplicateProbability,
    double reorderProbability,
    long reorderMaxExtraMicros) {

  public NetworkModel {
    Objects.requireNonNull(latency, "latency");
    requireProbability("loss", lossProbability);
    requireProbability("duplication", duplicateProbability);
    requireProbability("reordering", reorderProbability);
    if (reorderMaxExtraMicros < 0) {
      throw new IllegalArgumentException(
          "reorder delay must not be negative: " + reorderMaxExtraMicros);
    }
  }

  /** A reliable network with the given latency: no loss, duplication or reordering. */
  public static NetworkModel reliable(LatencyModel latency) {
    return new NetworkModel(latency, 0, 0, 0, 0);
  }

  public NetworkModel withLoss(double probability) {
    return new NetworkModel(
        latency, probability, duplicateProbability, reorderProbability, reorderMaxExtraMicros);
  }

  public NetworkModel withDuplication(double probability) {
    return new NetworkModel(
        latency, lossProbability, probability, reorderProbability, reorderMaxExtraMicros);
  }

  public NetworkModel withReordering(double probability, long maxExtraMicros) {
    return new NetworkModel(
        latency, lossProbability, duplicateProbability, probability, maxExtraMicros);
  }

  public NetworkModel withLatency(LatencyModel newLatency) {
    return new NetworkModel(
        newLatency,
        lossProbability,
        duplicateProbability,
        reorderProbability,
        reorderMaxExtraMicros);
  }

  private static void requireProbability(String what, double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException(what + " probability must be in [0, 1], got " + p);
    }
  }
}

package io.consensio.sim.fault;

import io.consensio.sim.net.NetworkModel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which faults a simulation injects, parsed from a short spec such as {@code
 * loss=0.1,dup=0.01,reorder=0.05,partition,crash,pause,skew}.
 *
 * <p>{@code loss}, {@code dup} and {@code reorder} take a probability in [0, 1] and configure the
 * network model for every message. {@code partition}, {@code crash}, {@code pause} and {@code skew}
 * take no value and enable timed faults that the {@link FaultScheduler} places on the timeline. An
 * empty spec or {@code none} means no faults. Immutable.
 */
public record FaultPlan(
    double loss,
    double duplication,
    double reordering,
    boolean partitions,
    boolean crashes,
    boolean pauses,
    boolean clockSkew) {
  public static final FaultPlan NONE = new FaultPlan(0, 0, 0, false, false, false, false);

  private static final List<String> KNOWN =
      List.of("loss=P", "dup=P", "reorder=P", "partition", "crash", "pause", "skew");

  public FaultPlan {
    requireProbability("loss", loss);
    requireProbability("dup", duplication);
    requireProbability("reorder", reordering);
  }

  /**
   * Parses a spec. Throws {@link IllegalArgumentException} naming the offending entry for unknown
   * fault names, missing or unexpected values, numbers that are not numbers or not probabilities,
   * and entries given twice.
   */
  public static FaultPlan parse(String spec) {
    String trimmed = spec == null ? "" : spec.trim();
    if (trimmed.isEmpty() || trimmed.equalsIgnoreCase("none")) {
      return NONE;
    }
    double loss = 0;
    double dup = 0;
    double reorder = 0;
    boolean partition = false;
    boolean crash = false;
    boolean pause = false;
    boolean skew = false;
    Set<String> given = new HashSet<>();
    String[] entries = trimmed.split(",", -1);
    for (int i = 0; i < entries.length; i++) {
      String entry = entries[i].trim();
      if (entry.isEmpty()) {
        throw error(spec, "entry " + (i + 1) + " is empty");
      }
      int eq = entry.indexOf('=');
      String name = (eq < 0 ? entry : entry.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
      String value = eq < 0 ? null : entry.substring(eq + 1).trim();
      if (!given.add(name)) {
        throw error(spec, "'" + name + "' is given twice");
      }
      switch (name) {
        case "loss" -> loss = probability(spec, entry, name, value);
        case "dup" -> dup = probability(spec, entry, name, value);
        case "reorder" -> reorder = probability(spec, entry, name, value);
        case "partition" -> partition = flag(spec, name, value);
        case "crash" -> crash = flag(spec, name, value);
        case "pause" -> pause = flag(spec, name, value);
        case "skew" -> skew = flag(spec, name, value);
        default -> throw error(spec, "unknown fault '" + name + "'; known faults are " + KNOWN);
      }
    }
    return new FaultPlan(loss, dup, reorder, partition, crash, pause, skew);
  }

  /** {@code base} with this plan's loss, duplication and reordering (up to {@code maxExtra}). */
  public NetworkModel applyTo(NetworkModel base, long reorderMaxExtraMicros) {
    return base.withLoss(loss)
        .withDuplication(duplication)
        .withReordering(reordering, reordering > 0 ? reorderMaxExtraMicros : 0);
  }

  /** True when the plan asks for any timed fault (partition, crash, pause, skew). */
  public boolean hasTimedFaults() {
    return partitions || crashes || pauses || clockSkew;
  }

  /** The canonical spec; {@code parse(plan.toString())} gives back an equal plan. */
  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    if (loss > 0) {
      parts.add("loss=" + loss);
    }
    if (duplication > 0) {
      parts.add("dup=" + duplication);
    }
    if (reordering > 0) {
      parts.add("reorder=" + reordering);
    }
    if (partitions) {
      parts.add("partition");
    }
    if (crashes) {
      parts.add("crash");
    }
    if (pauses) {
      parts.add("pause");
    }
    if (clockSkew) {
      parts.add("skew");
    }
    return parts.isEmpty() ? "none" : String.join(",", parts);
  }

  private static double probability(String spec, String entry, String name, String value) {
    if (value == null || value.isEmpty()) {
      throw error(spec, "'" + name + "' needs a probability, e.g. " + name + "=0.1");
    }
    double p;
    try {
      p = Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw error(spec, "'" + entry + "': '" + value + "' is not a number");
    }
    if (!(p >= 0 && p <= 1)) {
      throw error(spec, "'" + entry + "': " + name + " is a probability and must be in [0, 1]");
    }
    return p;
  }

  private static boolean flag(String spec, String name, String value) {
    if (value != null) {
      throw error(spec, "'" + name + "' takes no value, write just '" + name + "'");
    }
    return true;
  }

  private static void requireProbability(String name, double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException(name + " must be a probability in [0, 1], got " + p);
    }
  }

  private static IllegalArgumentException error(String spec, String problem) {
    return new IllegalArgumentException("bad fault plan '" + spec + "': " + problem);
  }
}

package io.consensio.sim.check;

import io.consensio.api.ledger.ChainStore;
import io.consensio.api.types.NodeId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Runs {@link Invariant}s over the running nodes of a simulation and collects what they find.
 *
 * <p>The orchestrator tells the monitor which ledger each running node has ({@link #nodeUp}), when
 * a node goes down ({@link #nodeDown}; it is skipped until it is up again) and when to check
 * ({@link #check}, after events or periodically). A node that comes up again after being down, or
 * with a new {@link ChainStore} instance, counts as restarted, so durability invariants re-verify
 * it.
 *
 * <p>A violation that persists is reported by every check; the monitor counts each distinct one
 * (same invariant, node and description) once. Single-threaded.
 */
public final class InvariantMonitor {
  /** Violations kept with their descriptions; later ones are still counted. */
  public static final int MAX_KEPT_VIOLATIONS = 1_000;

  private final List<Invariant> invariants;
  private final SortedMap<NodeId, ChainStore> running = new TreeMap<>();
  private final Set<NodeId> seen = new HashSet<>();
  private final Set<String> distinct = new HashSet<>();
  private final List<Violation> kept = new ArrayList<>();
  private long checks;
  private long safetyViolations;
  private long committedTxsLost;

  public InvariantMonitor(List<? extends Invariant> invariants) {
    this.invariants = List.copyOf(invariants);
  }

  /** A monitor with every invariant of this package. */
  public static InvariantMonitor withAllInvariants() {
    return new InvariantMonitor(
        List.of(
            new AgreementInvariant(),
            new FinalityNeverRevertsInvariant(),
            new CommittedTransactionsDurableInvariant(),
            new NoDoubleExecutionInvariant(),
            new StateRootsAgreeInvariant()));
  }

  /** {@code node} is running with ledger {@code chain} (first start, or after a restart). */
  public void nodeUp(NodeId node, ChainStore chain) {
    Objects.requireNonNull(chain, "chain");
    ChainStore previous = running.put(node, chain);
    boolean restarted = seen.contains(node) && previous != chain;
    seen.add(node);
    if (restarted) {
      for (Invariant invariant : invariants) {
        invariant.onRestart(node);
      }
    }
  }

  /** {@code node} crashed (or is otherwise not to be observed) until the next {@link #nodeUp}. */
  public void nodeDown(NodeId node) {
    running.remove(node);
  }

  /** Checks every running node, in name order, against every invariant. */
  public void check(long timeMicros) {
    for (var entry : running.entrySet()) {
      checks++;
      for (Invariant invariant : invariants) {
        invariant.check(
            entry.getKey(),
            entry.getValue(),
            (kind, node, description) ->
                record(new Violation(timeMicros, invariant.name(), node, kind, description)));
      }
    }
  }

  private void record(Violation violation) {
    if (!distinct.add(
        violation.invariant() + '|' + violation.node() + '|' + violation.description())) {
      return;
    }
    if (violation.kind() == Violation.Kind.COMMITTED_TX_LOST) {
      committedTxsLost++;
    } else {
      safetyViolations++;
    }
    if (kept.size() < MAX_KEPT_VIOLATIONS) {
      kept.add(violation);
    }
  }

  public InvariantReport report() {
    return new InvariantReport(checks, safetyViolations, committedTxsLost, kept);
  }
}

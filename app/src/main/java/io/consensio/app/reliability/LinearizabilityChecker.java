package io.consensio.app.reliability;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Decides whether a history of reads and writes is linearizable for a key/value store whose keys
 * are independent registers (initially absent). The search is Wing and Gong's (J. Parallel Distrib.
 * Comput. 1993): repeatedly pick an operation that may take effect next — one invoked before every
 * remaining operation's completion — apply it to the register, and backtrack on a read that does
 * not match; with Lowe's memoization of (operations applied, register value) as in Porcupine. Keys
 * are checked separately (linearizability is compositional, Herlihy and Wing 1990 §3.3). A write
 * that never completed may take effect at any point after its invocation, or never.
 *
 * <p>Stateless; {@link #check} is a pure function of the history.
 */
public final class LinearizabilityChecker {
  private LinearizabilityChecker() {}

  /** The verdict: linearizable, or the key whose history is not, with that history. */
  public record Verdict(boolean linearizable, String key, List<KvOperation> history) {
    @Override
    public String toString() {
      return linearizable ? "linearizable" : "NOT linearizable on key " + key + ": " + history;
    }
  }

  public static Verdict check(List<KvOperation> history) {
    Map<String, List<KvOperation>> byKey = new TreeMap<>();
    for (KvOperation op : history) {
      byKey.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op);
    }
    for (Map.Entry<String, List<KvOperation>> key : byKey.entrySet()) {
      List<KvOperation> ops = new ArrayList<>(key.getValue());
      // a read with no answer observed nothing and constrains nothing
      ops.removeIf(op -> !op.put() && !op.completed());
      ops.sort((a, b) -> Long.compare(a.invokedNanos(), b.invokedNanos()));
      if (!new Search(ops).run()) {
        return new Verdict(false, key.getKey(), ops);
      }
    }
    return new Verdict(true, null, List.of());
  }

  private static final class Search {
    private final List<KvOperation> ops;
    private final Set<State> seen = new HashSet<>();

    private record State(BitSet applied, String value) {}

    Search(List<KvOperation> ops) {
      this.ops = ops;
    }

    boolean run() {
      return extend(new BitSet(ops.size()), null);
    }

    private boolean extend(BitSet applied, String value) {
      long earliestCompletion = KvOperation.NEVER;
      boolean completedLeft = false;
      for (int i = applied.nextClearBit(0); i < ops.size(); i = applied.nextClearBit(i + 1)) {
        KvOperation op = ops.get(i);
        if (op.completed()) {
          completedLeft = true;
          earliestCompletion = Math.min(earliestCompletion, op.completedNanos());
        }
      }
      if (!completedLeft) {
        return true; // what is left are writes that never answered: they may never have happened
      }
      if (!seen.add(new State((BitSet) applied.clone(), value))) {
        return false;
      }
      for (int i = applied.nextClearBit(0); i < ops.size(); i = applied.nextClearBit(i + 1)) {
        KvOperation op = ops.get(i);
        if (op.invokedNanos() > earliestCompletion) {
          break; // sorted by invocation: no later operation may go before that completed one
        }
        if (!op.put() && !Objects.equals(op.value(), value)) {
          continue;
        }
        applied.set(i);
        boolean ok = extend(applied, op.put() ? op.value() : value);
        applied.clear(i);
        if (ok) {
          return true;
        }
      }
      return false;
    }
  }
}

package io.consensio.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.types.Hash;
import io.consensio.api.types.NodeId;
import io.consensio.raft.RaftEngine.Role;
import io.consensio.raft.log.RaftLog;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks the safety properties of Raft (paper Figure 3) against every live node of a cluster:
 * Election Safety, Log Matching, Leader Completeness and State Machine Safety (both as committed
 * log entries and as final blocks of the ledgers).
 */
final class SafetyChecker {
  private final Map<Long, NodeId> leaderOfTerm = new HashMap<>();
  private final TreeMap<Long, byte[]> committed = new TreeMap<>();
  private final Map<Long, Long> committedObservedInTerm = new HashMap<>();
  private final Map<Long, Hash> finalBlocks = new HashMap<>();

  int committedEntries() {
    return committed.size();
  }

  int leadersSeen() {
    return leaderOfTerm.size();
  }

  void check(RaftCluster cluster) {
    List<RaftNode> up = cluster.upNodes();
    for (RaftNode n : up) {
      RaftEngine e = n.engine();
      if (e.role() == Role.LEADER) {
        NodeId previous = leaderOfTerm.putIfAbsent(e.term(), n.id);
        assertThat(previous)
            .as("Election Safety: two leaders in term %d", e.term())
            .isIn(null, n.id);
      }
      RaftLog log = e.log();
      for (long i = log.firstIndex(); i <= Math.min(e.commitIndex(), log.lastIndex()); i++) {
        byte[] mine = log.entry(i).encoded();
        byte[] first = committed.putIfAbsent(i, mine);
        committedObservedInTerm.putIfAbsent(i, e.term());
        assertThat(first == null || java.util.Arrays.equals(first, mine))
            .as("State Machine Safety: %s committed a different entry at index %d", n.id, i)
            .isTrue();
      }
      n.chain
          .finalByHeight()
          .forEach(
              (h, id) -> {
                Hash first = finalBlocks.putIfAbsent(h, id);
                assertThat(first)
                    .as("State Machine Safety: %s finalized another block at height %d", n.id, h)
                    .isIn(null, id);
              });
    }
    for (int a = 0; a < up.size(); a++) {
      for (int b = a + 1; b < up.size(); b++) {
        checkLogMatching(up.get(a), up.get(b));
      }
    }
    for (RaftNode n : up) {
      RaftEngine e = n.engine();
      if (e.role() != Role.LEADER) {
        continue;
      }
      RaftLog log = e.log();
      committed.forEach(
          (index, entry) -> {
            if (committedObservedInTerm.get(index) < e.term() && index > log.snapshotIndex()) {
              assertThat(
                      index <= log.lastIndex()
                          && java.util.Arrays.equals(log.entry(index).encoded(), entry))
                  .as(
                      "Leader Completeness: leader %s of term %d lacks committed entry %d",
                      n.id, e.term(), index)
                  .isTrue();
            }
          });
    }
  }

  private static void checkLogMatching(RaftNode a, RaftNode b) {
    RaftLog la = a.engine().log();
    RaftLog lb = b.engine().log();
    long lo = Math.max(la.firstIndex(), lb.firstIndex());
    long hi = Math.min(la.lastIndex(), lb.lastIndex());
    long top = -1;
    for (long i = hi; i >= lo; i--) {
      if (la.term(i) == lb.term(i)) {
        top = i;
        break;
      }
    }
    for (long i = lo; i <= top; i++) {
      assertThat(java.util.Arrays.equals(la.entry(i).encoded(), lb.entry(i).encoded()))
          .as(
              "Log Matching: %s and %s agree on the term at %d but differ at %d",
              a.id, b.id, top, i)
          .isTrue();
    }
  }
}

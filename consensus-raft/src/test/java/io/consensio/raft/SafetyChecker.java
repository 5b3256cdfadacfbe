package io.consensio.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.types.Hash;
import io.consensio.api.types.NodeId;
import io.consensio.raft.RaftEngine.Role;
import io.consensio.raft.log.RaftLog;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks the safety properties of Raft (paper Figure 3, §5.4.3) against every live node of a
 * cluster, each in a method of its own name, after every step of a schedule:
 *
 * <ul>
 *   <li>{@link #checkElectionSafety Election Safety}: at most one leader per term.
 *   <li>{@link #checkLogMatching Log Matching}: two logs with an entry of the same index and term
 *       are identical up to it.
 *   <li>{@link #checkLeaderCompleteness Leader Completeness}: a leader holds every entry committed
 *       in an earlier term.
 *   <li>{@link #checkStateMachineSafety State Machine Safety}: no two nodes apply different entries
 *       at one index, nor finalize different blocks at one height.
 *   <li>{@link #checkNoCommittedBlockLost Durability}: a node never loses a block it finalized,
 *       even across a crash that loses its unsynced writes (what makes "no committed transaction
 *       lost" hold).
 * </ul>
 */
final class SafetyChecker {
  private final Map<Long, NodeId> leaderOfTerm = new HashMap<>();
  private final TreeMap<Long, byte[]> committed = new TreeMap<>();
  private final Map<Long, Long> committedObservedInTerm = new HashMap<>();
  private final Map<Long, Hash> finalBlocks = new HashMap<>();
  private final Map<NodeId, Long> finalizedHeight = new HashMap<>();

  int committedEntries() {
    return committed.size();
  }

  int leadersSeen() {
    return leaderOfTerm.size();
  }

  void check(RaftCluster cluster) {
    List<RaftNode> up = cluster.upNodes();
    for (RaftNode n : up) {
      checkElectionSafety(n);
      checkStateMachineSafety(n);
      checkNoCommittedBlockLost(n);
    }
    for (int a = 0; a < up.size(); a++) {
      for (int b = a + 1; b < up.size(); b++) {
        checkLogMatching(up.get(a), up.get(b));
      }
    }
    for (RaftNode n : up) {
      checkLeaderCompleteness(n);
    }
  }

  /** "At most one leader can be elected in a given term" (paper Figure 3, §5.2). */
  private void checkElectionSafety(RaftNode n) {
    RaftEngine e = n.engine();
    if (e.role() == Role.LEADER) {
      NodeId previous = leaderOfTerm.putIfAbsent(e.term(), n.id);
      assertThat(previous).as("Election Safety: two leaders in term %d", e.term()).isIn(null, n.id);
    }
  }

  /**
   * "If a server has applied a log entry at a given index to its state machine, no other server
   * will ever apply a different log entry for the same index" (paper Figure 3, §5.4.3); for the
   * ledger: no two nodes finalize different blocks at one height.
   */
  private void checkStateMachineSafety(RaftNode n) {
    RaftEngine e = n.engine();
    RaftLog log = e.log();
    for (long i = log.firstIndex(); i <= Math.min(e.commitIndex(), log.lastIndex()); i++) {
      byte[] mine = log.entry(i).encoded();
      byte[] first = committed.putIfAbsent(i, mine);
      committedObservedInTerm.putIfAbsent(i, e.term());
      assertThat(first == null || Arrays.equals(first, mine))
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

  /** A finalized block stays final on its node, also after a crash and restart. */
  private void checkNoCommittedBlockLost(RaftNode n) {
    long height = n.chain.finalizedHead().height();
    Long before =
        finalizedHeight.put(n.id, Math.max(height, finalizedHeight.getOrDefault(n.id, 0L)));
    assertThat(height)
        .as("Durability: %s lost finalized blocks (height %d, had %d)", n.id, height, before)
        .isGreaterThanOrEqualTo(before == null ? 0 : before);
  }

  /**
   * "If two logs contain an entry with the same index and term, then the logs are identical in all
   * entries up through the given index" (paper Figure 3, §5.3).
   */
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
      assertThat(Arrays.equals(la.entry(i).encoded(), lb.entry(i).encoded()))
          .as(
              "Log Matching: %s and %s agree on the term at %d but differ at %d",
              a.id, b.id, top, i)
          .isTrue();
    }
  }

  /**
   * "If a log entry is committed in a given term, then that entry will be present in the logs of
   * the leaders for all higher-numbered terms" (paper Figure 3, §5.4.3). Entries a leader has
   * compacted into its snapshot are covered by it.
   */
  private void checkLeaderCompleteness(RaftNode n) {
    RaftEngine e = n.engine();
    if (e.role() != Role.LEADER) {
      return;
    }
    RaftLog log = e.log();
    committed.forEach(
        (index, entry) -> {
          if (committedObservedInTerm.get(index) < e.term() && index > log.snapshotIndex()) {
            assertThat(index <= log.lastIndex() && Arrays.equals(log.entry(index).encoded(), entry))
                .as(
                    "Leader Completeness: leader %s of term %d lacks committed entry %d",
                    n.id, e.term(), index)
                .isTrue();
          }
        });
  }
}

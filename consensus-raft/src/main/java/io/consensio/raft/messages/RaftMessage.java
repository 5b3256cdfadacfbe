package io.consensio.raft.messages;

import io.consensio.api.types.Transaction;
import io.consensio.raft.log.LogEntry;
import java.util.List;

/**
 * The closed set of Raft messages (paper Figure 2 and Figure 13; thesis §3.10 and §9.6), each
 * carrying the sender's term. The sender is not a field: the transport authenticates it. Encoded
 * and decoded only by {@link RaftCodec}.
 */
public sealed interface RaftMessage {
  long term();

  /**
   * RequestVote (paper §5.2) or, with {@code preVote}, the Pre-Vote probe (thesis §9.6), in which
   * case {@code term} is the term the sender would campaign in. {@code transfer} marks an election
   * started by TimeoutNow, which voters must not ignore because of a recent leader (thesis §3.10).
   */
  record VoteRequest(
      long term, long lastLogIndex, long lastLogTerm, boolean preVote, boolean transfer)
      implements RaftMessage {}

  /** Answer to a {@link VoteRequest}; {@code preVote} echoes the request's. */
  record VoteResponse(long term, boolean granted, boolean preVote) implements RaftMessage {}

  /** AppendEntries (paper §5.3); the entries are at prevLogIndex+1, +2, ... */
  record AppendEntries(
      long term, long prevLogIndex, long prevLogTerm, long leaderCommit, List<LogEntry> entries)
      implements RaftMessage {
    public AppendEntries {
      entries = List.copyOf(entries);
    }
  }

  /**
   * Answer to {@link AppendEntries}. On success {@code index} is the follower's match index; on
   * failure it is the rejected prevLogIndex, with the conflicting term and the first index of that
   * term in the follower's log (term 0: the follower's log ends before; paper §5.3).
   */
  record AppendResponse(
      long term, boolean success, long index, long conflictTerm, long conflictIndex)
      implements RaftMessage {}

  /**
   * Leader liveness and commit notice without entries (as etcd-raft's MsgHeartbeat): {@code commit}
   * is at most the follower's match index, so the follower may apply up to it without a log check.
   */
  record Heartbeat(long term, long commit) implements RaftMessage {}

  record HeartbeatResponse(long term) implements RaftMessage {}

  /**
   * One chunk of InstallSnapshot (paper Figure 13): bytes [offset, offset+data.length) of the
   * encoded snapshot of {@code totalBytes} bytes whose last included entry is {@code
   * lastIncludedIndex}/{@code lastIncludedTerm}.
   */
  record InstallSnapshot(
      long term,
      long lastIncludedIndex,
      long lastIncludedTerm,
      long totalBytes,
      long offset,
      byte[] data)
      implements RaftMessage {
    public boolean done() {
      return offset + data.length == totalBytes;
    }
  }

  /**
   * Answer to {@link InstallSnapshot}: the follower expects {@code nextOffset} next, or — when
   * {@code installed} — has installed the snapshot up to {@code lastIncludedIndex}.
   */
  record InstallSnapshotResponse(
      long term, long lastIncludedIndex, long nextOffset, boolean installed)
      implements RaftMessage {}

  /** Leadership transfer: start an election now (thesis §3.10). */
  record TimeoutNow(long term) implements RaftMessage {}

  /** Transactions a follower forwards to the leader it knows for {@code term}. */
  record ForwardTransactions(long term, List<Transaction> transactions) implements RaftMessage {
    public ForwardTransactions {
      transactions = List.copyOf(transactions);
    }
  }
}

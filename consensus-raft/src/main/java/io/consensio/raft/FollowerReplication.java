package io.consensio.raft;

import io.consensio.api.codec.DecodingException;
import io.consensio.api.services.Metrics;
import io.consensio.api.types.NodeId;
import io.consensio.raft.log.LogEntry;
import io.consensio.raft.log.RaftLog;
import io.consensio.raft.log.Snapshot;
import io.consensio.raft.messages.RaftMessage.AppendEntries;
import io.consensio.raft.messages.RaftMessage.AppendResponse;
import io.consensio.raft.messages.RaftMessage.Heartbeat;
import io.consensio.raft.messages.RaftMessage.HeartbeatResponse;
import io.consensio.raft.messages.RaftMessage.InstallSnapshot;
import io.consensio.raft.messages.RaftMessage.InstallSnapshotResponse;
import io.consensio.raft.replication.SnapshotAssembler;
import java.util.List;
import java.util.Optional;

/**
 * The receiver side of replication (paper Figure 2 "AppendEntries RPC, receiver implementation" and
 * Figure 13 "InstallSnapshot RPC"). The engine has already applied the term rules and made this
 * node a follower of the sender; every answer leaves only after the log is durable.
 *
 * <p>An append is acknowledged once its entries are stored (checked intact by {@link
 * StoredBlockCheck}, then synced), and only afterwards are their blocks executed by the ledger: an
 * entry is committed when a majority stores it (paper §5.3) and applying it is a separate step
 * (Figure 2, lastApplied), so the leader does not wait for followers to execute. Not thread-safe;
 * event loop only.
 */
final class FollowerReplication {
  private final RaftEngine engine;
  private final LedgerApplier applier;
  private final Metrics metrics;
  private final SnapshotAssembler assembler = new SnapshotAssembler();

  FollowerReplication(RaftEngine engine, LedgerApplier applier, Metrics metrics) {
    this.engine = engine;
    this.applier = applier;
    this.metrics = metrics;
  }

  void onAppendEntries(NodeId from, AppendEntries m) {
    RaftLog log = engine.log();
    long term = engine.term();
    long prev = m.prevLogIndex();
    if (prev < engine.commitIndex()) {
      // Everything up to the commit index is known to match: acknowledge that much.
      engine.send(from, new AppendResponse(term, true, engine.commitIndex(), 0, 0));
      return;
    }
    if (!log.matches(prev, m.prevLogTerm())) {
      long[] hint = log.conflictHint(prev);
      metrics.increment("raft.append.rejected");
      engine.send(from, new AppendResponse(term, false, prev, hint[0], hint[1]));
      return;
    }
    List<LogEntry> entries = m.entries();
    int firstNew = log.firstNew(prev, entries);
    List<LogEntry> stored = entries.subList(firstNew, entries.size());
    if (!stored.isEmpty()) {
      if (stored.get(0).index() <= engine.commitIndex()) {
        engine.drop("conflicts-with-committed");
        return;
      }
      Optional<String> defect = StoredBlockCheck.firstDefect(log, stored, applier.genesisId());
      if (defect.isPresent()) {
        metrics.increment("raft.block.rejected", "reason", defect.get());
        engine.drop("invalid-block");
        return;
      }
      log.replaceSuffix(stored);
    }
    long lastNew = prev + entries.size();
    // Durable, so acknowledge now (Figure 2); executing the blocks is not part of storing them.
    engine.send(from, new AppendResponse(term, true, lastNew, 0, 0));
    applier.importStored(stored);
    engine.advanceCommit(Math.min(m.leaderCommit(), lastNew));
  }

  void onHeartbeat(NodeId from, Heartbeat h) {
    // h.commit is at most our match index, so our log agrees with the leader's up to it.
    engine.advanceCommit(Math.min(h.commit(), engine.log().lastIndex()));
    engine.send(from, new HeartbeatResponse(engine.term()));
  }

  void onInstallSnapshot(NodeId from, InstallSnapshot m) {
    long term = engine.term();
    if (m.lastIncludedIndex() <= engine.commitIndex()) {
      engine.send(from, new InstallSnapshotResponse(term, engine.commitIndex(), 0, true));
      return;
    }
    Optional<byte[]> complete = assembler.accept(m);
    if (complete.isEmpty()) {
      long expected = assembler.expectedOffset(m.term(), m.lastIncludedIndex());
      engine.send(from, new InstallSnapshotResponse(term, m.lastIncludedIndex(), expected, false));
      return;
    }
    Snapshot snapshot;
    try {
      snapshot = Snapshot.decode(complete.get());
    } catch (DecodingException | IllegalArgumentException e) {
      engine.drop("malformed-snapshot");
      return;
    }
    if (snapshot.lastIncludedIndex() != m.lastIncludedIndex()
        || snapshot.lastIncludedTerm() != m.lastIncludedTerm()) {
      engine.drop("malformed-snapshot");
      return;
    }
    applier.installFromLeader(engine.log(), snapshot);
    engine.commitIndexAtLeast(snapshot.lastIncludedIndex());
    engine.send(from, new InstallSnapshotResponse(term, snapshot.lastIncludedIndex(), 0, true));
  }
}

package io.consensio.raft;

import io.consensio.api.types.NodeId;
import io.consensio.raft.log.LogEntry;
import io.consensio.raft.log.RaftLog;
import io.consensio.raft.log.Snapshot;
import io.consensio.raft.messages.RaftMessage;
import io.consensio.raft.messages.RaftMessage.AppendEntries;
import io.consensio.raft.messages.RaftMessage.AppendResponse;
import io.consensio.raft.messages.RaftMessage.Heartbeat;
import io.consensio.raft.messages.RaftMessage.InstallSnapshotResponse;
import io.consensio.raft.quorum.Configuration;
import io.consensio.raft.quorum.Server;
import io.consensio.raft.replication.Progress;
import io.consensio.raft.replication.SnapshotTransfer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * What a leader keeps for one term (paper §5.3, Figure 2 "volatile state on leaders"): a {@link
 * Progress} per other voter and learner, the snapshot transfers in flight, and the rules to send
 * AppendEntries, heartbeats and snapshot chunks and to digest their answers — including the fast
 * back-off on the follower's conflict hint (paper §5.3). Commit counting lives in {@link
 * #quorumIndex}, which counts a majority of each half of a joint configuration (paper §6).
 *
 * <p>Not thread-safe; event loop only.
 */
final class LeaderReplication {
  private final NodeId self;
  private final long term;
  private final RaftConfig config;
  private final RaftLog log;
  private final Supplier<Optional<Snapshot>> snapshots;
  private final BiConsumer<NodeId, RaftMessage> send;
  private final Map<NodeId, Progress> progress = new TreeMap<>();
  private final Map<NodeId, SnapshotTransfer> transfers = new HashMap<>();

  /**
   * How far this node's own log is durable: its match index. The leader sends new entries before
   * its own write is synced (thesis §10.2.1), so the log's last index may run ahead of it.
   */
  private long durableIndex;

  LeaderReplication(
      NodeId self,
      long term,
      RaftConfig config,
      RaftLog log,
      Supplier<Optional<Snapshot>> snapshots,
      BiConsumer<NodeId, RaftMessage> send) {
    this.self = self;
    this.term = term;
    this.config = config;
    this.log = log;
    this.snapshots = snapshots;
    this.send = send;
    this.durableIndex = log.lastIndex();
  }

  /** This node's log is durable up to {@code index}: from now on it counts towards commitment. */
  void ownEntriesDurable(long index) {
    durableIndex = Math.max(durableIndex, index);
  }

  /** Tracks exactly the voters and learners of {@code configuration} other than this node. */
  void syncPeers(Configuration configuration) {
    List<NodeId> members = configuration.allServers().stream().map(Server::id).toList();
    progress.keySet().removeIf(id -> !members.contains(id));
    transfers.keySet().removeIf(id -> !members.contains(id));
    for (NodeId id : members) {
      if (!id.equals(self) && !progress.containsKey(id)) {
        progress.put(
            id,
            new Progress(
                log.lastIndex() + 1, config.maxInflightAppends(), config.maxInflightBytes()));
      }
    }
  }

  Optional<Progress> progress(NodeId peer) {
    return Optional.ofNullable(progress.get(peer));
  }

  Set<NodeId> peers() {
    return progress.keySet();
  }

  /**
   * Highest index stored durably by a majority of each half, counting this node up to {@link
   * #ownEntriesDurable}.
   */
  long quorumIndex(Configuration configuration) {
    return configuration.quorumIndex(
        id -> {
          if (id.equals(self)) {
            return durableIndex;
          }
          Progress p = progress.get(id);
          return p == null ? 0 : p.matchIndex();
        });
  }

  /**
   * The first index whose body the leader should keep in memory for its followers: just after the
   * slowest match index among the followers whose missing applied entries fit in one in-flight
   * window ({@code maxInflightBytes}), else {@code appliedIndex + 1}. Pipelined appends (thesis
   * §10.2.2) may have to be sent again after a loss, so a follower in step keeps its window of
   * bodies at hand; a follower further behind (down, partitioned, or just added) is served from
   * storage and does not hold the leader's memory, whatever the size of the blocks.
   */
  long firstIndexToKeep(long appliedIndex) {
    long keep = appliedIndex + 1;
    for (Progress p : progress.values()) {
      long from = p.matchIndex() + 1;
      if (from < keep
          && from >= log.firstIndex()
          && log.bytesBetween(from, appliedIndex) <= config.maxInflightBytes()) {
        keep = from;
      }
    }
    return keep;
  }

  /** CheckQuorum (thesis §6.2): did a quorum answer since the last check? Resets the flags. */
  boolean quorumActiveAndReset(Configuration configuration) {
    Set<NodeId> active = new HashSet<>();
    active.add(self);
    progress.forEach(
        (id, p) -> {
          if (p.recentActive()) {
            active.add(id);
          }
          p.setRecentActive(false);
        });
    return configuration.hasQuorum(active);
  }

  void sendAppendsToAll(long commitIndex) {
    for (NodeId peer : progress.keySet()) {
      sendAppend(peer, commitIndex, false);
    }
  }

  /**
   * Sends what {@code peer} needs next, as long as its window allows: a probe in PROBE state, a
   * pipeline of appends in REPLICATE state, the snapshot when the entries are compacted. {@code
   * allowEmpty} sends an empty append in REPLICATE state too, which makes a follower that lost the
   * pipelined appends reject it and so reveal where it stands.
   */
  void sendAppend(NodeId peer, long commitIndex, boolean allowEmpty) {
    Progress p = progress.get(peer);
    if (p == null) {
      return;
    }
    while (!p.isPaused()) {
      long next = p.nextIndex();
      if (next <= log.snapshotIndex()) {
        startSnapshot(peer, p);
        return;
      }
      List<LogEntry> entries = log.slice(next, config.maxAppendBytes());
      if (entries.isEmpty() && p.state() == Progress.State.REPLICATE && !allowEmpty) {
        return;
      }
      long prev = next - 1;
      send.accept(peer, new AppendEntries(term, prev, log.term(prev), commitIndex, entries));
      long bytes = entries.stream().mapToLong(LogEntry::sizeBytes).sum();
      p.sent(entries.isEmpty() ? prev : entries.get(entries.size() - 1).index(), bytes);
      if (entries.isEmpty()) {
        return;
      }
    }
  }

  void broadcastHeartbeats(long commitIndex) {
    progress.forEach(
        (peer, p) -> send.accept(peer, new Heartbeat(term, Math.min(p.matchIndex(), commitIndex))));
  }

  /** Digests an AppendEntries answer; true when the peer's match index advanced. */
  boolean onAppendResponse(NodeId peer, AppendResponse r, long commitIndex) {
    Progress p = progress.get(peer);
    if (p == null || r.index() > log.lastIndex()) {
      return false;
    }
    p.setRecentActive(true);
    if (r.success()) {
      boolean advanced = p.acknowledge(r.index());
      sendAppend(peer, commitIndex, false);
      return advanced;
    }
    if (p.reject(r.index(), hintedNextIndex(r))) {
      sendAppend(peer, commitIndex, false);
    }
    return false;
  }

  void onHeartbeatResponse(NodeId peer, long commitIndex) {
    Progress p = progress.get(peer);
    if (p == null) {
      return;
    }
    p.setRecentActive(true);
    if (p.state() == Progress.State.SNAPSHOT) {
      SnapshotTransfer t = transfers.get(peer);
      if (t != null) {
        send.accept(peer, t.nextChunk(term));
      }
    } else if (p.matchIndex() < log.lastIndex()) {
      p.resumeProbe();
      sendAppend(peer, commitIndex, true);
    }
  }

  /** Digests an InstallSnapshot answer; true when the peer's match index advanced. */
  boolean onSnapshotResponse(NodeId peer, InstallSnapshotResponse r, long commitIndex) {
    Progress p = progress.get(peer);
    if (p == null) {
      return false;
    }
    p.setRecentActive(true);
    SnapshotTransfer t = transfers.get(peer);
    if (p.state() != Progress.State.SNAPSHOT
        || t == null
        || r.lastIncludedIndex() > log.lastIndex()) {
      return false;
    }
    if (r.installed()) {
      transfers.remove(peer);
      long before = p.matchIndex();
      p.snapshotDone(r.lastIncludedIndex());
      sendAppend(peer, commitIndex, false);
      return p.matchIndex() > before;
    }
    if (r.lastIncludedIndex() == t.lastIncludedIndex() && t.acknowledge(r.nextOffset())) {
      send.accept(peer, t.nextChunk(term));
    }
    return false;
  }

  /**
   * Where to probe next after a rejection (paper §5.3): after the leader's last entry of the
   * follower's conflicting term if it has one, else at the first index the follower holds for that
   * term (or its log end).
   */
  private long hintedNextIndex(AppendResponse r) {
    if (r.conflictTerm() > 0) {
      long last = log.lastIndexOfTerm(r.conflictTerm(), r.index());
      if (last >= 0) {
        return last + 1;
      }
    }
    return Math.max(1, r.conflictIndex());
  }

  /**
   * Streams a snapshot to a follower that needs compacted entries (thesis §5.2), exported from the
   * ledger now, as of the last applied entry (thesis §5.3): compaction itself keeps no state.
   */
  private void startSnapshot(NodeId peer, Progress p) {
    Optional<Snapshot> snapshot = snapshots.get();
    if (snapshot.isEmpty()) {
      return;
    }
    Snapshot s = snapshot.get();
    SnapshotTransfer t =
        new SnapshotTransfer(
            s.lastIncludedIndex(), s.lastIncludedTerm(), s.encode(), config.snapshotChunkBytes());
    transfers.put(peer, t);
    p.becomeSnapshot(s.lastIncludedIndex());
    send.accept(peer, t.nextChunk(term));
  }
}

package io.consensio.pbft;

import io.consensio.api.types.NodeId;
import io.consensio.pbft.messages.Checkpoint;
import io.consensio.pbft.messages.Signed;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Collects CHECKPOINT messages and decides when a checkpoint becomes stable (OSDI'99 §4.3): a
 * checkpoint is stable once 2f+1 replicas signed the same (n, block, state root). Messages for
 * sequence numbers at or below the stable one are discarded (garbage collection). A replica that is
 * behind still learns of stable checkpoints above its own state, which is what triggers state
 * transfer; to keep memory bounded whatever faulty replicas send, only the most recent few
 * checkpoints of each sender are kept. Not thread-safe.
 */
public final class Checkpoints {
  /**
   * Checkpoints kept per sender: enough for L/K in-window checkpoints plus one behind and ahead.
   */
  private final int keptPerSender;

  private final int interval;
  private final Quorum quorum;
  private final NavigableMap<Long, Map<NodeId, Signed<Checkpoint>>> received = new TreeMap<>();
  private StableCheckpoint stable;

  public Checkpoints(int interval, int window, Quorum quorum, StableCheckpoint initial) {
    this.interval = interval;
    this.quorum = quorum;
    this.keptPerSender = window / interval + 2;
    this.stable = initial;
  }

  public StableCheckpoint stable() {
    return stable;
  }

  /** True for sequence numbers at which replicas take a checkpoint (every K). */
  public boolean isCheckpointSeq(long seq) {
    return seq > 0 && seq % interval == 0;
  }

  /**
   * Adds a (signature-checked) checkpoint message; returns the checkpoint it made stable, if any.
   * Messages at or below the current stable checkpoint, or not at a multiple of K, are ignored.
   */
  public Optional<StableCheckpoint> add(Signed<Checkpoint> message) {
    Checkpoint c = message.message();
    if (c.seq() <= stable.seq() || !isCheckpointSeq(c.seq())) {
      return Optional.empty();
    }
    received.computeIfAbsent(c.seq(), s -> new HashMap<>()).putIfAbsent(message.sender(), message);
    boundSender(message.sender());
    Map<NodeId, Signed<Checkpoint>> atSeq = received.get(c.seq());
    if (atSeq == null) {
      return Optional.empty();
    }
    List<Signed<Checkpoint>> matching = new ArrayList<>();
    for (Signed<Checkpoint> other : atSeq.values()) {
      if (sameState(other.message(), c)) {
        matching.add(other);
      }
    }
    if (matching.size() < quorum.quorum()) {
      return Optional.empty();
    }
    matching.sort((a, b) -> a.sender().compareTo(b.sender()));
    StableCheckpoint proven = new StableCheckpoint(c.seq(), c.blockId(), c.stateRoot(), matching);
    install(proven);
    return Optional.of(proven);
  }

  /** Adopts a stable checkpoint proven elsewhere (a NEW-VIEW, a restart) if it is newer. */
  public boolean install(StableCheckpoint checkpoint) {
    if (checkpoint.seq() <= stable.seq()) {
      return false;
    }
    stable = checkpoint;
    received.headMap(checkpoint.seq(), true).clear();
    return true;
  }

  private static boolean sameState(Checkpoint a, Checkpoint b) {
    return a.blockId().equals(b.blockId()) && a.stateRoot().equals(b.stateRoot());
  }

  private void boundSender(NodeId sender) {
    List<Long> seqs = new ArrayList<>();
    for (Map.Entry<Long, Map<NodeId, Signed<Checkpoint>>> e : received.entrySet()) {
      if (e.getValue().containsKey(sender)) {
        seqs.add(e.getKey());
      }
    }
    for (int i = 0; i < seqs.size() - keptPerSender; i++) {
      Map<NodeId, Signed<Checkpoint>> atSeq = received.get(seqs.get(i));
      atSeq.remove(sender);
      if (atSeq.isEmpty()) {
        received.remove(seqs.get(i));
      }
    }
  }
}

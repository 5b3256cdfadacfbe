package io.consensio.raft.replication;

import java.util.ArrayDeque;

/**
 * The leader's view of one follower (paper Figure 2, "volatile state on leaders": nextIndex and
 * matchIndex), with the flow control of etcd-raft's tracker: in {@link State#PROBE} the leader
 * sends one AppendEntries at a time until it finds where the logs match; in {@link State#REPLICATE}
 * it pipelines appends optimistically within a window of {@code maxInflight} messages and {@code
 * maxBytes} bytes (thesis §10.2.2 on pipelining); in {@link State#SNAPSHOT} it streams a snapshot
 * because the entries the follower needs are compacted (thesis §5.2).
 *
 * <p>Invariant: {@code matchIndex < nextIndex}. Not thread-safe.
 */
public final class Progress {
  /** How the leader currently replicates to this follower. */
  public enum State {
    PROBE,
    REPLICATE,
    SNAPSHOT
  }

  private final int maxInflight;
  private final long maxBytes;
  private final ArrayDeque<long[]> inflight = new ArrayDeque<>();
  private long inflightBytes;
  private long nextIndex;
  private long matchIndex;
  private State state = State.PROBE;
  private boolean probeSent;
  private boolean recentActive;
  private long pendingSnapshotIndex;

  public Progress(long nextIndex, int maxInflight, long maxBytes) {
    this.nextIndex = Math.max(1, nextIndex);
    this.maxInflight = maxInflight;
    this.maxBytes = maxBytes;
  }

  public long nextIndex() {
    return nextIndex;
  }

  public long matchIndex() {
    return matchIndex;
  }

  public State state() {
    return state;
  }

  public long pendingSnapshotIndex() {
    return pendingSnapshotIndex;
  }

  /** True when no AppendEntries may be sent now: a probe is outstanding or the window is full. */
  public boolean isPaused() {
    return switch (state) {
      case PROBE -> probeSent;
      case REPLICATE -> inflight.size() >= maxInflight || inflightBytes >= maxBytes;
      case SNAPSHOT -> true;
    };
  }

  /** Records that entries up to {@code lastIndex} ({@code bytes} in total) were just sent. */
  public void sent(long lastIndex, long bytes) {
    if (state == State.REPLICATE) {
      if (lastIndex >= nextIndex) {
        nextIndex = lastIndex + 1;
        inflight.addLast(new long[] {lastIndex, bytes});
        inflightBytes += bytes;
      }
    } else if (state == State.PROBE) {
      probeSent = true;
    }
  }

  /**
   * A successful response acknowledging the log up to {@code index}. Returns true when the match
   * index advanced. Stale acknowledgements (below the match index) change nothing.
   */
  public boolean acknowledge(long index) {
    boolean advanced = index > matchIndex;
    if (advanced) {
      matchIndex = index;
      probeSent = false;
    }
    nextIndex = Math.max(nextIndex, index + 1);
    while (!inflight.isEmpty() && inflight.peekFirst()[0] <= index) {
      inflightBytes -= inflight.removeFirst()[1];
    }
    if (state == State.PROBE && advanced) {
      becomeReplicate();
    }
    return advanced;
  }

  /**
   * A rejection of an append whose prevLogIndex was {@code rejectedIndex}; {@code hintNext} is
   * where the leader computed the logs may match from the follower's conflict hint (paper §5.3).
   * Returns false for a stale rejection, which must not move nextIndex backwards (etcd-raft's
   * maybeDecrTo): in replicate state one at or below the match index, in probe state one for an
   * index other than the probe's.
   */
  public boolean reject(long rejectedIndex, long hintNext) {
    if (state == State.REPLICATE) {
      if (rejectedIndex <= matchIndex) {
        return false;
      }
      becomeProbe();
      nextIndex = Math.max(matchIndex + 1, Math.min(hintNext, rejectedIndex));
      return true;
    }
    if (state == State.SNAPSHOT || nextIndex - 1 != rejectedIndex) {
      return false;
    }
    nextIndex = Math.max(matchIndex + 1, Math.min(hintNext, rejectedIndex));
    probeSent = false;
    return true;
  }

  /** Starts streaming a snapshot up to {@code snapshotIndex}. */
  public void becomeSnapshot(long snapshotIndex) {
    resetWindow();
    state = State.SNAPSHOT;
    pendingSnapshotIndex = snapshotIndex;
  }

  /** The follower installed a snapshot up to {@code index} (or the transfer was abandoned). */
  public void snapshotDone(long index) {
    if (index > matchIndex) {
      matchIndex = index;
    }
    becomeProbe();
  }

  public void becomeProbe() {
    resetWindow();
    state = State.PROBE;
    // Optimistic sends beyond the match index may have been lost: probe from just after it.
    nextIndex = matchIndex + 1;
    pendingSnapshotIndex = 0;
  }

  public void becomeReplicate() {
    resetWindow();
    state = State.REPLICATE;
    nextIndex = matchIndex + 1;
  }

  /** Lets one more message out when the follower proved alive (heartbeat response). */
  public void resumeProbe() {
    probeSent = false;
    if (state == State.REPLICATE && !inflight.isEmpty() && isPaused()) {
      inflightBytes -= inflight.removeFirst()[1];
    }
  }

  public boolean recentActive() {
    return recentActive;
  }

  public void setRecentActive(boolean active) {
    recentActive = active;
  }

  private void resetWindow() {
    inflight.clear();
    inflightBytes = 0;
    probeSent = false;
  }

  @Override
  public String toString() {
    return state
        + "[next="
        + nextIndex
        + " match="
        + matchIndex
        + " inflight="
        + inflight.size()
        + "]";
  }
}

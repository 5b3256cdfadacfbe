package io.consensio.raft.replication;

import io.consensio.raft.messages.RaftMessage.InstallSnapshot;
import java.util.Arrays;

/**
 * The leader's side of one InstallSnapshot transfer (paper §7 and Figure 13; thesis §5.2): the
 * encoded snapshot is sent in chunks, one outstanding at a time; the follower's response names the
 * offset it expects next, so a lost or reordered chunk is simply sent again. Not thread-safe.
 */
public final class SnapshotTransfer {
  private final long lastIncludedIndex;
  private final long lastIncludedTerm;
  private final byte[] data;
  private final int chunkBytes;
  private long acknowledgedOffset;

  public SnapshotTransfer(
      long lastIncludedIndex, long lastIncludedTerm, byte[] data, int chunkBytes) {
    this.lastIncludedIndex = lastIncludedIndex;
    this.lastIncludedTerm = lastIncludedTerm;
    this.data = data;
    this.chunkBytes = chunkBytes;
  }

  public long lastIncludedIndex() {
    return lastIncludedIndex;
  }

  /** The chunk at the offset the follower last asked for. */
  public InstallSnapshot nextChunk(long term) {
    int from = (int) acknowledgedOffset;
    int to = (int) Math.min(data.length, acknowledgedOffset + chunkBytes);
    return new InstallSnapshot(
        term,
        lastIncludedIndex,
        lastIncludedTerm,
        data.length,
        from,
        Arrays.copyOfRange(data, from, to));
  }

  /** The follower expects {@code nextOffset}; returns false if that is not a valid position. */
  public boolean acknowledge(long nextOffset) {
    if (nextOffset < 0 || nextOffset > data.length) {
      return false;
    }
    acknowledgedOffset = nextOffset;
    return true;
  }
}

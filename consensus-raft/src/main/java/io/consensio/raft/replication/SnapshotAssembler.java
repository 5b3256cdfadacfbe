package io.consensio.raft.replication;

import io.consensio.raft.messages.RaftMessage.InstallSnapshot;
import java.io.ByteArrayOutputStream;
import java.util.Optional;

/**
 * The follower's side of InstallSnapshot (paper Figure 13, receiver rules 2-5): chunks must arrive
 * in order; a chunk at offset 0 (or for another snapshot) starts over, any other out-of-order chunk
 * is ignored and the follower answers with the offset it expects. Not thread-safe.
 */
public final class SnapshotAssembler {
  private long term = -1;
  private long lastIncludedIndex = -1;
  private long totalBytes = -1;
  private ByteArrayOutputStream buffer = new ByteArrayOutputStream();

  /** Adds a chunk; returns the whole snapshot when this chunk completed it. */
  public Optional<byte[]> accept(InstallSnapshot chunk) {
    boolean sameTransfer =
        chunk.term() == term
            && chunk.lastIncludedIndex() == lastIncludedIndex
            && chunk.totalBytes() == totalBytes;
    if (chunk.offset() == 0 && (!sameTransfer || buffer.size() > 0)) {
      term = chunk.term();
      lastIncludedIndex = chunk.lastIncludedIndex();
      totalBytes = chunk.totalBytes();
      buffer = new ByteArrayOutputStream();
    } else if (!sameTransfer || chunk.offset() != buffer.size()) {
      return Optional.empty();
    }
    buffer.write(chunk.data(), 0, chunk.data().length);
    if (buffer.size() == totalBytes) {
      byte[] all = buffer.toByteArray();
      reset();
      return Optional.of(all);
    }
    return Optional.empty();
  }

  /** The offset expected next for the snapshot up to {@code index} in {@code term}. */
  public long expectedOffset(long term, long index) {
    return term == this.term && index == lastIncludedIndex ? buffer.size() : 0;
  }

  public void reset() {
    term = -1;
    lastIncludedIndex = -1;
    totalBytes = -1;
    buffer = new ByteArrayOutputStream();
  }
}

package io.consensio.raft.log;

import io.consensio.api.codec.CanonicalReader;
import io.consensio.api.codec.CanonicalWriter;
import io.consensio.api.types.Hash;
import io.consensio.raft.quorum.Configuration;

/**
 * What the log needs to know about the prefix a snapshot replaced (thesis §5.1): the last included
 * index and term (for the AppendEntries consistency check of the first entry after it), the
 * configuration in force at that index, and the id of the block whose state the snapshot holds. It
 * is all a local compaction stores: that block is final in the ledger, which keeps its state
 * durably (thesis §5.3).
 */
public record SnapshotMeta(
    long lastIncludedIndex, long lastIncludedTerm, Configuration configuration, Hash blockId) {

  public byte[] encode() {
    CanonicalWriter w = new CanonicalWriter(256);
    w.writeLong(lastIncludedIndex);
    w.writeLong(lastIncludedTerm);
    configuration.write(w);
    blockId.write(w);
    return w.toByteArray();
  }

  public static SnapshotMeta decode(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes);
    SnapshotMeta meta =
        new SnapshotMeta(
            r.readNonNegativeLong("lastIncludedIndex"),
            r.readNonNegativeLong("lastIncludedTerm"),
            Configuration.read(r),
            Hash.read(r));
    r.finish();
    return meta;
  }
}

package io.consensio.raft.log;

import io.consensio.api.codec.CanonicalReader;
import io.consensio.api.codec.CanonicalWriter;
import io.consensio.api.codec.DecodingException;
import io.consensio.api.types.Block;
import io.consensio.raft.quorum.Configuration;

/**
 * A snapshot of the applied prefix of the log (thesis chapter 5, Figure 5.1; paper §7): the last
 * included index and term, the configuration as of that index, and the ledger state — the last
 * block applied at or before that index plus the serialized ledger state after it ({@code
 * ChainStore.exportState}). The {@link #encode() encoding} is what InstallSnapshot chunks carry.
 *
 * <p>Built only when a follower needs one: the ledger keeps its own state durably, so a local
 * compaction stores just the {@link SnapshotMeta} (thesis §5.3, disk-based state machines) and the
 * leader exports the state, as of its last applied entry, when it starts a transfer.
 */
public record Snapshot(
    long lastIncludedIndex,
    long lastIncludedTerm,
    Configuration configuration,
    Block block,
    byte[] state) {
  /** The largest snapshot a follower accepts; bounds the memory a forged transfer can take. */
  public static final int MAX_ENCODED_BYTES = 512 * 1024 * 1024;

  public SnapshotMeta meta() {
    return new SnapshotMeta(lastIncludedIndex, lastIncludedTerm, configuration, block.id());
  }

  public byte[] encode() {
    CanonicalWriter w = new CanonicalWriter(1024 + state.length);
    w.writeLong(lastIncludedIndex);
    w.writeLong(lastIncludedTerm);
    configuration.write(w);
    block.write(w);
    w.writeBytes(state);
    return w.toByteArray();
  }

  public static Snapshot decode(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes);
    long index = r.readNonNegativeLong("lastIncludedIndex");
    long term = r.readNonNegativeLong("lastIncludedTerm");
    if (index == 0 || term == 0) {
      throw new DecodingException("a snapshot covers at least one entry");
    }
    Configuration configuration = Configuration.read(r);
    Block block = Block.read(r);
    byte[] state = r.readBytes(MAX_ENCODED_BYTES);
    r.finish();
    return new Snapshot(index, term, configuration, block, state);
  }
}

package io.consensio.raft.log;

import io.consensio.api.codec.CanonicalReader;
import io.consensio.api.codec.DecodingException;
import io.consensio.api.types.BlockHeader;
import io.consensio.api.types.Hash;
import io.consensio.raft.quorum.Configuration;
import java.util.Optional;

/**
 * What the log keeps in memory for every entry, whether or not its body (encoded bytes and decoded
 * block) is resident: exactly what the protocol asks of an entry without reading its body — its
 * index and term (the AppendEntries consistency check and the election restriction, paper §5.3,
 * §5.4.1), its kind, the id of the block it carries (the parent of the next block, and where the
 * ledger's finalized head sits on recovery), its configuration (thesis §4.1: the latest one in the
 * log is in force) and its encoded size (for the compaction threshold and replication budgets).
 * Immutable.
 *
 * @param index position in the log
 * @param term term of the leader that created the entry
 * @param kind what the entry carries
 * @param blockId id of the block of a {@link LogEntry.Kind#BLOCK} entry, else empty
 * @param configuration the configuration of a {@link LogEntry.Kind#CONFIG} entry, else empty
 * @param sizeBytes length of the entry's encoding ({@link LogEntry#sizeBytes()})
 */
public record EntryHeader(
    long index,
    long term,
    LogEntry.Kind kind,
    Optional<Hash> blockId,
    Optional<Configuration> configuration,
    int sizeBytes) {

  /** The header of an entry whose body is at hand. */
  public static EntryHeader of(LogEntry e) {
    return new EntryHeader(
        e.index(),
        e.term(),
        e.kind(),
        e.block().map(b -> b.id()),
        e.configuration(),
        e.sizeBytes());
  }

  /**
   * The header of the entry encoded in {@code bytes} ({@link LogEntry#encoded()}), read without
   * decoding the block's transactions: a block entry's id comes from its block header alone. Used
   * on recovery, where most entries' blocks are already in the ledger.
   */
  public static EntryHeader decode(long index, byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes);
    long term = r.readLong();
    if (term <= 0) {
      throw new DecodingException("entry term must be positive, got " + term);
    }
    LogEntry.Kind kind = LogEntry.Kind.ofTag(r.readByte());
    Optional<Hash> blockId =
        kind == LogEntry.Kind.BLOCK ? Optional.of(BlockHeader.read(r).id()) : Optional.empty();
    Optional<Configuration> configuration =
        kind == LogEntry.Kind.CONFIG ? Optional.of(Configuration.read(r)) : Optional.empty();
    return new EntryHeader(index, term, kind, blockId, configuration, bytes.length);
  }
}

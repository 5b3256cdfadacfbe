package io.consensio.raft.log;

import io.consensio.api.codec.CanonicalReader;
import io.consensio.api.codec.CanonicalWriter;
import io.consensio.api.codec.DecodingException;
import io.consensio.api.types.Block;
import io.consensio.raft.quorum.Configuration;
import java.util.Objects;
import java.util.Optional;

/**
 * One Raft log entry (paper §5.3): the term in which a leader created it, its position, and what it
 * carries — a block, a configuration (paper §6) or the no-op a new leader appends to commit entries
 * of earlier terms (paper §8; thesis §6.4). Immutable; the encoding (term, kind, body) is computed
 * once, because the same bytes are stored and sent many times.
 *
 * <p>A whole entry is the log's <em>body</em> of that index: {@link RaftLog} holds it in memory
 * only while it is likely to be needed and otherwise keeps just its {@link EntryHeader}, reading
 * the body back from {@link RaftStorage} on demand.
 */
public final class LogEntry {
  /** Largest encoded entry: a maximal block plus the term and kind. */
  public static final int MAX_ENCODED_BYTES = Block.MAX_ENCODED_BYTES + 64;

  /** What an entry carries. */
  public enum Kind {
    NOOP(0),
    BLOCK(1),
    CONFIG(2);

    final int tag;

    Kind(int tag) {
      this.tag = tag;
    }

    /** The kind an encoded entry names; a tag no kind has is a decoding error. */
    static Kind ofTag(int tag) {
      for (Kind k : values()) {
        if (k.tag == tag) {
          return k;
        }
      }
      throw new DecodingException("unknown entry kind " + tag);
    }
  }

  private final long index;
  private final long term;
  private final Kind kind;
  private final Block block;
  private final Configuration configuration;
  private final byte[] encoded;

  private LogEntry(long index, long term, Kind kind, Block block, Configuration configuration) {
    if (index <= 0 || term <= 0) {
      throw new IllegalArgumentException("index and term must be positive");
    }
    this.index = index;
    this.term = term;
    this.kind = kind;
    this.block = block;
    this.configuration = configuration;
    CanonicalWriter w = new CanonicalWriter(block == null ? 64 : 256);
    w.writeLong(term);
    w.writeByte(kind.tag);
    switch (kind) {
      case BLOCK -> block.write(w);
      case CONFIG -> configuration.write(w);
      case NOOP -> {}
    }
    this.encoded = w.toByteArray();
  }

  public static LogEntry noop(long index, long term) {
    return new LogEntry(index, term, Kind.NOOP, null, null);
  }

  public static LogEntry block(long index, long term, Block block) {
    return new LogEntry(index, term, Kind.BLOCK, Objects.requireNonNull(block), null);
  }

  public static LogEntry config(long index, long term, Configuration configuration) {
    return new LogEntry(index, term, Kind.CONFIG, null, Objects.requireNonNull(configuration));
  }

  /** Decodes the bytes of {@link #encoded()} as the entry at {@code index}; strict. */
  public static LogEntry decode(long index, byte[] bytes) {
    if (bytes.length > MAX_ENCODED_BYTES) {
      throw new DecodingException("entry of " + bytes.length + " bytes is too large");
    }
    CanonicalReader r = new CanonicalReader(bytes);
    long term = r.readLong();
    if (term <= 0) {
      throw new DecodingException("entry term must be positive, got " + term);
    }
    LogEntry entry =
        switch (Kind.ofTag(r.readByte())) {
          case NOOP -> noop(index, term);
          case BLOCK -> block(index, term, Block.read(r));
          case CONFIG -> config(index, term, Configuration.read(r));
        };
    r.finish();
    return entry;
  }

  public long index() {
    return index;
  }

  public long term() {
    return term;
  }

  public Kind kind() {
    return kind;
  }

  public Optional<Block> block() {
    return Optional.ofNullable(block);
  }

  public Optional<Configuration> configuration() {
    return Optional.ofNullable(configuration);
  }

  /** The canonical encoding; callers must not modify it. */
  public byte[] encoded() {
    return encoded;
  }

  public int sizeBytes() {
    return encoded.length;
  }

  /** The same entry at another position (used when decoding a batch whose start is known). */
  public LogEntry at(long newIndex) {
    return new LogEntry(newIndex, term, kind, block, configuration);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LogEntry e
        && index == e.index
        && java.util.Arrays.equals(encoded, e.encoded);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(index) * 31 + java.util.Arrays.hashCode(encoded);
  }

  @Override
  public String toString() {
    return "Entry[" + index + "@" + term + " " + kind + (block != null ? " " + block : "") + "]";
  }
}

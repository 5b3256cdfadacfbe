package io.consensio.api.services;

import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The engine's own persistent key/value state (Raft term, vote and log; PBFT's message log).
 *
 * <p>Writes are visible at once but durable only after {@link #sync()}: a crash may lose any write
 * made since the last sync (the simulator does exactly that). {@link #writeBatch} applies all its
 * writes or none. Keys are compared as unsigned bytes, which is the order {@link #scan} returns.
 */
public interface DurableStore {
  Optional<byte[]> get(byte[] key);

  void put(byte[] key, byte[] value);

  void delete(byte[] key);

  /** Applies puts (non-null values) and deletes (null values) atomically, in iteration order. */
  void writeBatch(Map<byte[], byte[]> writes);

  /** Visits every entry whose key starts with {@code prefix}, in key order. */
  void scan(byte[] prefix, BiConsumer<byte[], byte[]> visitor);

  /** Deletes every key in [{@code fromInclusive}, {@code toExclusive}). */
  void deleteRange(byte[] fromInclusive, byte[] toExclusive);

  /** Makes every write so far durable (a real fsync in production). */
  void sync();
}

package io.consensio.runtime.storage;

import io.consensio.api.services.DurableStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * A {@link DurableStore} held in a sorted map, for tests and for nodes that need no disk. Keys are
 * ordered by {@link Arrays#compareUnsigned}, the order RocksDB's default comparator uses, so code
 * that scans behaves the same on both. Nothing survives the process, so {@link #sync()} has nothing
 * to do: every write is as durable as this store can make it the moment it returns.
 *
 * <p>Keys and values are copied on the way in and out, so callers may reuse their arrays. Methods
 * are synchronized only to keep the map consistent if a test reads it from another thread; the node
 * itself calls it from its event loop.
 */
public final class InMemoryDurableStore implements DurableStore {
  private final TreeMap<byte[], byte[]> entries = new TreeMap<>(Arrays::compareUnsigned);

  @Override
  public synchronized Optional<byte[]> get(byte[] key) {
    byte[] value = entries.get(Objects.requireNonNull(key, "key"));
    return value == null ? Optional.empty() : Optional.of(value.clone());
  }

  @Override
  public synchronized void put(byte[] key, byte[] value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    entries.put(key.clone(), value.clone());
  }

  @Override
  public synchronized void delete(byte[] key) {
    entries.remove(Objects.requireNonNull(key, "key"));
  }

  /**
   * Checks every key first and only then applies the writes, so a batch with a null key changes
   * nothing: all or none.
   */
  @Override
  public synchronized void writeBatch(Map<byte[], byte[]> writes) {
    List<Write> copies = new ArrayList<>(writes.size());
    for (Map.Entry<byte[], byte[]> write : writes.entrySet()) {
      byte[] key = Objects.requireNonNull(write.getKey(), "batch key").clone();
      byte[] value = write.getValue();
      copies.add(new Write(key, value == null ? null : value.clone()));
    }
    for (Write write : copies) {
      if (write.valueOrNull() == null) {
        entries.remove(write.key());
      } else {
        entries.put(write.key(), write.valueOrNull());
      }
    }
  }

  /**
   * Visits a copy of the matching entries, so the visitor may write to this store while scanning.
   */
  @Override
  public void scan(byte[] prefix, BiConsumer<byte[], byte[]> visitor) {
    List<Map.Entry<byte[], byte[]>> matches = new ArrayList<>();
    synchronized (this) {
      for (Map.Entry<byte[], byte[]> entry : entries.tailMap(prefix, true).entrySet()) {
        if (!startsWith(entry.getKey(), prefix)) {
          break;
        }
        matches.add(Map.entry(entry.getKey().clone(), entry.getValue().clone()));
      }
    }
    for (Map.Entry<byte[], byte[]> match : matches) {
      visitor.accept(match.getKey(), match.getValue());
    }
  }

  @Override
  public synchronized void deleteRange(byte[] fromInclusive, byte[] toExclusive) {
    if (Arrays.compareUnsigned(fromInclusive, toExclusive) >= 0) {
      return;
    }
    entries.subMap(fromInclusive, true, toExclusive, false).clear();
  }

  /** Nothing to flush: the map is all there is. */
  @Override
  public void sync() {}

  /** Number of entries, for tests and diagnostics. */
  public synchronized int size() {
    return entries.size();
  }

  private static boolean startsWith(byte[] key, byte[] prefix) {
    return key.length >= prefix.length
        && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
  }

  /** One copied batch write; a null value deletes the key. */
  private record Write(byte[] key, byte[] valueOrNull) {}
}

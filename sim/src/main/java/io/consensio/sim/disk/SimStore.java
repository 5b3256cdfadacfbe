package io.consensio.sim.disk;

import io.consensio.api.services.DurableStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * One namespace of a {@link SimDisk}: an in-memory {@link DurableStore} that can lose everything
 * written since its last {@link #sync()}.
 *
 * <p>Writes go straight to the live map (visible at once). For each key first touched since the
 * last sync, an undo log remembers the value it had at that sync; {@code sync()} forgets the log,
 * and a crash replays it backwards to the synced image. Both are proportional to the writes since
 * the last sync, not to the store's size, so frequent syncs stay cheap over long runs.
 *
 * <p>Keys are ordered by unsigned byte comparison. Keys and values are copied in and out, so
 * callers cannot change stored bytes by mutating arrays. Single-threaded.
 */
public final class SimStore implements DurableStore {
  private final String namespace;
  private final SimDisk disk;
  private final NavigableMap<byte[], byte[]> live = new TreeMap<>(Arrays::compareUnsigned);

  /** Key -> value at the last sync (null: absent), for keys written since then. */
  private final Map<Key, byte[]> undo = new HashMap<>();

  SimStore(String namespace, SimDisk disk) {
    this.namespace = namespace;
    this.disk = disk;
  }

  public String namespace() {
    return namespace;
  }

  @Override
  public Optional<byte[]> get(byte[] key) {
    disk.checkOpen();
    byte[] value = live.get(Objects.requireNonNull(key, "key"));
    return value == null ? Optional.empty() : Optional.of(value.clone());
  }

  @Override
  public void put(byte[] key, byte[] value) {
    disk.checkOpen();
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    write(key.clone(), value.clone());
  }

  @Override
  public void delete(byte[] key) {
    disk.checkOpen();
    write(Objects.requireNonNull(key, "key").clone(), null);
  }

  /**
   * Applies the batch in iteration order. Everything is validated before the first write, so a bad
   * entry leaves the store untouched; a crash keeps all of the batch (if synced) or none of it.
   */
  @Override
  public void writeBatch(Map<byte[], byte[]> writes) {
    disk.checkOpen();
    List<byte[][]> copies = new ArrayList<>(writes.size());
    for (Map.Entry<byte[], byte[]> e : writes.entrySet()) {
      byte[] key = Objects.requireNonNull(e.getKey(), "a batch key is null");
      copies.add(new byte[][] {key.clone(), e.getValue() == null ? null : e.getValue().clone()});
    }
    for (byte[][] kv : copies) {
      write(kv[0], kv[1]);
    }
  }

  @Override
  public void scan(byte[] prefix, BiConsumer<byte[], byte[]> visitor) {
    disk.checkOpen();
    Objects.requireNonNull(prefix, "prefix");
    // Collected first so that the visitor may write to the store while scanning.
    List<byte[][]> matches = new ArrayList<>();
    for (Map.Entry<byte[], byte[]> e : live.tailMap(prefix, true).entrySet()) {
      if (!startsWith(e.getKey(), prefix)) {
        break;
      }
      matches.add(new byte[][] {e.getKey().clone(), e.getValue().clone()});
    }
    for (byte[][] kv : matches) {
      visitor.accept(kv[0], kv[1]);
    }
  }

  @Override
  public void deleteRange(byte[] fromInclusive, byte[] toExclusive) {
    disk.checkOpen();
    if (Arrays.compareUnsigned(fromInclusive, toExclusive) >= 0) {
      return;
    }
    List<byte[]> keys =
        new ArrayList<>(live.subMap(fromInclusive, true, toExclusive, false).keySet());
    for (byte[] key : keys) {
      write(key, null);
    }
  }

  /** Makes every write so far durable, in this namespace and every other one of the disk. */
  @Override
  public void sync() {
    disk.sync();
  }

  /** Number of keys currently visible. */
  public int size() {
    return live.size();
  }

  /** Keys written since the last sync (what a crash now would revert). */
  public int unsyncedKeys() {
    return undo.size();
  }

  private void write(byte[] key, byte[] valueOrNull) {
    disk.countWrite();
    byte[] previous = valueOrNull == null ? live.remove(key) : live.put(key, valueOrNull);
    // Not putIfAbsent: a key absent at the last sync is logged with a null value, which
    // putIfAbsent would overwrite on the second write, reviving the first written value on a crash.
    Key k = new Key(key);
    if (!undo.containsKey(k)) {
      undo.put(k, previous);
    }
  }

  void makeDurable() {
    undo.clear();
  }

  void revertToDurable() {
    for (Map.Entry<Key, byte[]> e : undo.entrySet()) {
      if (e.getValue() == null) {
        live.remove(e.getKey().bytes);
      } else {
        live.put(e.getKey().bytes, e.getValue());
      }
    }
    undo.clear();
  }

  private static boolean startsWith(byte[] key, byte[] prefix) {
    return key.length >= prefix.length
        && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
  }

  /** A byte[] with value equality, for the undo log. */
  private record Key(byte[] bytes) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }
  }
}

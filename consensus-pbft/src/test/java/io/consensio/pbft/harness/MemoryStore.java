package io.consensio.pbft.harness;

import io.consensio.api.services.DurableStore;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/** An in-memory DurableStore whose {@link #crash()} loses every write since the last sync. */
public final class MemoryStore implements DurableStore {
  private TreeMap<byte[], byte[]> live = new TreeMap<>(Arrays::compareUnsigned);
  private TreeMap<byte[], byte[]> synced = new TreeMap<>(Arrays::compareUnsigned);

  @Override
  public Optional<byte[]> get(byte[] key) {
    return Optional.ofNullable(live.get(key)).map(byte[]::clone);
  }

  @Override
  public void put(byte[] key, byte[] value) {
    live.put(key.clone(), value.clone());
  }

  @Override
  public void delete(byte[] key) {
    live.remove(key);
  }

  @Override
  public void writeBatch(Map<byte[], byte[]> writes) {
    writes.forEach(
        (k, v) -> {
          if (v == null) {
            delete(k);
          } else {
            put(k, v);
          }
        });
  }

  @Override
  public void scan(byte[] prefix, BiConsumer<byte[], byte[]> visitor) {
    for (Map.Entry<byte[], byte[]> e : live.tailMap(prefix, true).entrySet()) {
      byte[] k = e.getKey();
      if (k.length < prefix.length
          || !Arrays.equals(k, 0, prefix.length, prefix, 0, prefix.length)) {
        break;
      }
      visitor.accept(k.clone(), e.getValue().clone());
    }
  }

  @Override
  public void deleteRange(byte[] fromInclusive, byte[] toExclusive) {
    live.subMap(fromInclusive, true, toExclusive, false).clear();
  }

  @Override
  public void sync() {
    synced = new TreeMap<>(live);
  }

  /** Simulates a crash: what was not synced is gone. */
  public void crash() {
    live = new TreeMap<>(synced);
  }

  public int size() {
    return live.size();
  }
}

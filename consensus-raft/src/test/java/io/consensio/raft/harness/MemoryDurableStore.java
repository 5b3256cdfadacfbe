package io.consensio.raft.harness;

import io.consensio.api.services.DurableStore;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * An in-memory {@link DurableStore} that keeps two images: what the engine sees and what was
 * synced. {@link #crash()} throws away everything written since the last {@link #sync()}, which is
 * exactly what the contract allows a crash to do.
 */
public final class MemoryDurableStore implements DurableStore {
  private TreeMap<byte[], byte[]> live = new TreeMap<>(Arrays::compareUnsigned);
  private TreeMap<byte[], byte[]> synced = new TreeMap<>(Arrays::compareUnsigned);
  private int syncs;
  private int writesUntilFailure = -1;
  private boolean failAtNextSync;

  @Override
  public Optional<byte[]> get(byte[] key) {
    return Optional.ofNullable(live.get(key)).map(byte[]::clone);
  }

  @Override
  public void put(byte[] key, byte[] value) {
    live.put(key.clone(), value.clone());
    countWrite();
  }

  @Override
  public void delete(byte[] key) {
    live.remove(key);
    countWrite();
  }

  @Override
  public void writeBatch(Map<byte[], byte[]> writes) {
    writes.forEach(
        (k, v) -> {
          if (v == null) {
            live.remove(k);
          } else {
            live.put(k.clone(), v.clone());
          }
        });
    countWrite();
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
    if (failAtNextSync) {
      failAtNextSync = false;
      throw new PowerFailure(this);
    }
    synced = new TreeMap<>(live);
    syncs++;
  }

  /** Loses every write since the last sync. */
  public void crash() {
    live = new TreeMap<>(synced);
    writesUntilFailure = -1;
    failAtNextSync = false;
  }

  /**
   * Arms a power failure: the {@code writes}-th write from now is applied and then {@link
   * PowerFailure} is thrown, before the engine can sync it.
   */
  public void failAfterWrites(int writes) {
    if (writes < 1) {
      throw new IllegalArgumentException("writes must be positive");
    }
    writesUntilFailure = writes;
  }

  /**
   * Arms a power failure at the next {@link #sync()}: it throws {@link PowerFailure} instead of
   * syncing, after the engine may already have sent what it wrote.
   */
  public void failAtNextSync() {
    failAtNextSync = true;
  }

  /** Disarms a pending {@link #failAfterWrites} or {@link #failAtNextSync} power failure. */
  public void keepPower() {
    writesUntilFailure = -1;
    failAtNextSync = false;
  }

  private void countWrite() {
    if (writesUntilFailure > 0 && --writesUntilFailure == 0) {
      writesUntilFailure = -1;
      throw new PowerFailure(this);
    }
  }

  public int syncCount() {
    return syncs;
  }

  /** True when nothing is written but not yet synced. */
  public boolean fullySynced() {
    if (live.size() != synced.size()) {
      return false;
    }
    for (Map.Entry<byte[], byte[]> e : live.entrySet()) {
      byte[] s = synced.get(e.getKey());
      if (s == null || !Arrays.equals(s, e.getValue())) {
        return false;
      }
    }
    return true;
  }
}

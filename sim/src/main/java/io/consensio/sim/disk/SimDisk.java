package io.consensio.sim.disk;

import io.consensio.api.services.DurableStore;
import io.consensio.runtime.storage.StorageProvider;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A node's simulated disk: named {@link SimStore}s sharing one durability domain, like the column
 * families of one RocksDB instance.
 *
 * <p>Crash semantics: a write is visible at once; {@link DurableStore#sync()} on any store makes
 * every write so far durable in every namespace (one fsync of the shared write-ahead log); {@link
 * #crash()} throws away every write since the last sync in every namespace. A disk outlives the
 * node's process: after a crash the restarted node calls {@link #open} again and gets the same
 * stores holding exactly the synced data. {@link #close()} is a clean shutdown, which keeps
 * unsynced writes (the operating system still flushes them); use {@code crash()} to model power
 * loss or kill -9. Using a store while the disk is closed or crashed throws {@link
 * IllegalStateException}, which exposes code of a dead incarnation still holding a handle.
 *
 * <p>Threading: single-threaded.
 */
public final class SimDisk implements StorageProvider {
  private final Map<String, SimStore> stores = new TreeMap<>();
  private boolean open = true;
  private long syncCount;
  private long writeCount;
  private long crashCount;

  /** The store {@code namespace}; the same instance for the same name. Reopens a closed disk. */
  @Override
  public SimStore open(String namespace) {
    Objects.requireNonNull(namespace, "namespace");
    open = true;
    return stores.computeIfAbsent(namespace, name -> new SimStore(name, this));
  }

  /** Clean shutdown: keeps every write, durable or not, and closes the stores until reopened. */
  @Override
  public void close() {
    open = false;
  }

  /**
   * Power loss: every store reverts to its state at the last sync and the disk is closed until the
   * restarted node reopens it.
   */
  public void crash() {
    for (SimStore store : stores.values()) {
      store.revertToDurable();
    }
    open = false;
    crashCount++;
  }

  public boolean isOpen() {
    return open;
  }

  /** Times any store was synced. */
  public long syncCount() {
    return syncCount;
  }

  /** Key writes (puts and deletes, batch entries counted one by one). */
  public long writeCount() {
    return writeCount;
  }

  public long crashCount() {
    return crashCount;
  }

  /** Keys written since the last sync, over all namespaces. */
  public int unsyncedKeys() {
    return stores.values().stream().mapToInt(SimStore::unsyncedKeys).sum();
  }

  void sync() {
    checkOpen();
    for (SimStore store : stores.values()) {
      store.makeDurable();
    }
    syncCount++;
  }

  void countWrite() {
    writeCount++;
  }

  void checkOpen() {
    if (!open) {
      throw new IllegalStateException("the disk is closed (the node crashed or shut down)");
    }
  }
}

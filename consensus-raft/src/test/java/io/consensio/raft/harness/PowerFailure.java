package io.consensio.raft.harness;

/**
 * Thrown by a {@link MemoryDurableStore} armed with {@link MemoryDurableStore#failAfterWrites}: the
 * machine loses power in the middle of whatever the engine was doing, right after a write and
 * before any later sync. An {@link Error}, so that no handler's catch of runtime exceptions can
 * swallow it; the test cluster catches it and crashes the node, losing every unsynced write.
 */
public final class PowerFailure extends Error {
  private final transient MemoryDurableStore store;

  PowerFailure(MemoryDurableStore store) {
    super("power failure", null, false, false);
    this.store = store;
  }

  /** The store of the node that lost power. */
  public MemoryDurableStore store() {
    return store;
  }
}

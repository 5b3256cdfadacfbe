package io.consensio.dpos;

import io.consensio.api.services.DurableStore;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The last slot this node produced in, synced to disk before the block leaves the node. A delegate
 * that crashed right after producing and restarted would otherwise produce again in the same slot —
 * double production, which forfeits its deposit. EOSIO's producer plugin keeps the same guard (it
 * refuses to sign a block at or below the last one it signed).
 */
final class ProductionGuard {
  private static final byte[] KEY = "dpos/last-produced-slot".getBytes(StandardCharsets.US_ASCII);

  private final DurableStore store;
  private long lastProducedSlot;

  ProductionGuard(DurableStore store) {
    this.store = store;
    this.lastProducedSlot =
        store
            .get(KEY)
            .filter(b -> b.length == Long.BYTES)
            .map(b -> ByteBuffer.wrap(b).getLong())
            .orElse(0L);
  }

  boolean mayProduce(long slot) {
    return slot > lastProducedSlot;
  }

  /** Records {@code slot} durably; call before the block is imported or sent. */
  void recordProduced(long slot) {
    lastProducedSlot = slot;
    store.put(KEY, ByteBuffer.allocate(Long.BYTES).putLong(slot).array());
    store.sync();
  }
}

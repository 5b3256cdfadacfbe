package io.consensio.runtime.ledger;

import io.consensio.api.types.Block;
import java.util.List;

/**
 * Told whenever the canonical head moves. On a plain extension {@code reverted} is empty; on a
 * reorg it lists the abandoned blocks from the old head down (newest first) and {@code applied} the
 * new branch from the fork point up (oldest first). The mempool listens to drop committed
 * transactions and take back those of reverted blocks. Called on the event-loop thread, after the
 * state moved.
 */
@FunctionalInterface
public interface HeadListener {
  void onHeadChanged(List<Block> reverted, List<Block> applied);
}

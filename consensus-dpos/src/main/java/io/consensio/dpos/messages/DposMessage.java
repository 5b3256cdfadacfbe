package io.consensio.dpos.messages;

import io.consensio.api.types.Block;
import io.consensio.dpos.evidence.DoubleProduction;
import java.util.List;

/**
 * The messages DPoS nodes exchange: blocks spread by gossip (each node relays a block it imported
 * for the first time), catch-up by height, and double-production evidence. A closed set, dispatched
 * in one place.
 */
public sealed interface DposMessage {
  /** A block just produced or relayed. */
  record NewBlock(Block block) implements DposMessage {}

  /** Asks for the sender's canonical blocks from {@code fromHeight} upward. */
  record SyncRequest(long fromHeight) implements DposMessage {
    public SyncRequest {
      if (fromHeight < 1) {
        throw new IllegalArgumentException("fromHeight must be at least 1");
      }
    }
  }

  /** Consecutive canonical blocks, and the sender's head height so the asker knows to go on. */
  record SyncResponse(long headHeight, List<Block> blocks) implements DposMessage {
    public SyncResponse {
      blocks = List.copyOf(blocks);
    }
  }

  /** Proof of double production, for delegates to carry into a block. */
  record Evidence(DoubleProduction evidence) implements DposMessage {}
}

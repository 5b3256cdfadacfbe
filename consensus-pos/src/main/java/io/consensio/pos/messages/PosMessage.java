package io.consensio.pos.messages;

import io.consensio.api.types.Block;
import io.consensio.pos.finality.Vote;
import java.util.List;

/** The messages proof-of-stake nodes exchange: block gossip, catch-up and finality votes. */
public sealed interface PosMessage {
  /** A block a node proposed or imported for the first time; relayed once by every importer. */
  record NewBlock(Block block) implements PosMessage {}

  /**
   * Asks a peer for its canonical blocks from {@code fromHeight} on, and for the finality votes it
   * holds with a target epoch above {@code finalizedEpoch} (the requester's).
   */
  record SyncRequest(long fromHeight, long finalizedEpoch) implements PosMessage {}

  /** Canonical blocks in ascending height, and the sender's head height (more may follow). */
  record Blocks(List<Block> blocks, long headHeight) implements PosMessage {
    public Blocks {
      blocks = List.copyOf(blocks);
    }
  }

  /** One signed finality vote; relayed once by every node that verifies and keeps it. */
  record VoteMessage(Vote vote) implements PosMessage {}

  /** Finality votes sent to a node catching up. */
  record Votes(List<Vote> votes) implements PosMessage {
    public Votes {
      votes = List.copyOf(votes);
    }
  }
}

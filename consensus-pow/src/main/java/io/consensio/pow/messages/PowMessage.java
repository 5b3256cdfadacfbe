package io.consensio.pow.messages;

import io.consensio.api.types.Block;
import io.consensio.api.types.BlockHeader;
import io.consensio.api.types.Hash;
import io.consensio.pow.checkpoint.Checkpoint;
import java.util.List;

/**
 * The proof-of-work wire protocol: block gossip (Nakamoto 2008, §5 steps 2 and 5: new blocks are
 * broadcast to all nodes and accepted if valid), fetching of missing blocks, catch-up, and
 * checkpoints.
 */
public sealed interface PowMessage {
  /** "I have a new block": its header with the seal, enough to check the proof of work. */
  record Announce(BlockHeader header) implements PowMessage {}

  /** Asks for one block by id. */
  record GetBlock(Hash id) implements PowMessage {}

  /** One block, in answer to {@link GetBlock}. */
  record BlockMessage(Block block) implements PowMessage {}

  /**
   * Asks for the sender's canonical blocks after the newest locator entry it has on its canonical
   * chain (Bitcoin's {@code getblocks} with a block locator: dense near the tip, exponentially
   * sparser further down).
   */
  record GetBlocks(List<Hash> locator) implements PowMessage {}

  /** Consecutive canonical blocks, oldest first, in answer to {@link GetBlocks}. */
  record Blocks(List<Block> blocks) implements PowMessage {}

  /** A signed checkpoint, relayed once by every node that accepts it. */
  record CheckpointMessage(Checkpoint checkpoint) implements PowMessage {}
}

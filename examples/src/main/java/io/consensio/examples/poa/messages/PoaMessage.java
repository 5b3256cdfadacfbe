package io.consensio.examples.poa.messages;

import io.consensio.api.crypto.Signature;
import io.consensio.api.types.Block;
import io.consensio.api.types.Hash;
import java.util.Optional;

/**
 * The messages of the example's per-height Paxos (Lamport, "Paxos Made Simple", 2001): phase 1
 * (Prepare/Promise) for rounds above 0, phase 2 (Accept/Accepted), and catch-up (Decided,
 * SyncRequest). Every message names the height it is about.
 */
public sealed interface PoaMessage {
  long height();

  /** Phase 1a: the leader of {@code round} asks acceptors to promise to ignore lower rounds. */
  record Prepare(long height, int round) implements PoaMessage {}

  /**
   * Phase 1b: a promise, carrying the block this acceptor accepted last, if any, and in which
   * round.
   */
  record Promise(long height, int round, int acceptedRound, Optional<Block> acceptedBlock)
      implements PoaMessage {}

  /**
   * Phase 2a: the leader asks acceptors to accept {@code block} (sealed with its proposal seal).
   */
  record Accept(long height, int round, Block block) implements PoaMessage {}

  /**
   * Phase 2b: an acceptor accepted {@code blockId} in {@code round}; the signature goes into the
   * certificate.
   */
  record Accepted(long height, int round, Hash blockId, Signature signature)
      implements PoaMessage {}

  /** A decided block with its commit certificate, for nodes that missed the decision. */
  record Decided(Block block) implements PoaMessage {
    public long height() {
      return block.height();
    }
  }

  /**
   * The round leader's notice that {@code blockId} was decided, with the certificate seal: a node
   * that holds the block but missed some votes commits without waiting for a round to time out.
   */
  record Certified(long height, Hash blockId, byte[] certificateSeal) implements PoaMessage {}

  /** Asks a peer for the decided blocks from {@code height} on. */
  record SyncRequest(long height) implements PoaMessage {}
}

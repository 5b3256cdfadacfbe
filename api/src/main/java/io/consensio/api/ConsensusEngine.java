package io.consensio.api;

import io.consensio.api.ledger.LedgerState;
import io.consensio.api.types.Block;
import io.consensio.api.types.NodeId;

/**
 * One node's instance of a consensus algorithm: a deterministic state machine driven by events.
 *
 * <p>Contract, the same in a real node and in the simulator:
 *
 * <ul>
 *   <li>Every method is called on the node's single event-loop thread; an engine never starts
 *       threads, blocks, sleeps, reads the wall clock or creates its own {@code Random}. Time,
 *       randomness, network and storage come from the {@link ConsensusContext}.
 *   <li>Given the same context behaviour (same seed, same message order) an engine makes the same
 *       calls in the same order; that is what makes a simulator run replayable.
 *   <li>Every byte from a peer is hostile: an engine decodes defensively, drops what is malformed,
 *       badly signed or out of window, counts the drop in {@link ConsensusContext#metrics()}, and
 *       never throws out of {@link #onMessage}.
 * </ul>
 */
public interface ConsensusEngine {
  /** Recovers from the durable store, arms timers and begins (election, mining, slots). */
  void start();

  /** A message from peer {@code from}, whose identity the transport has authenticated. */
  void onMessage(NodeId from, byte[] payload);

  /** The mempool gained transactions; a proposer may cut a block. */
  void onTransactionsAvailable();

  /**
   * Checks a block's engine-specific seal (proof of work, commit certificate, proposer signature
   * and eligibility) against the state of its parent. The ledger calls it on every import, after
   * its own checks pass.
   */
  SealVerdict checkSeal(Block block, LedgerState parentState);

  EngineStatus status();

  /** Cancels timers and stops taking part. The node may be started again with a new engine. */
  void stop();
}

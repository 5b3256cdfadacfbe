package io.consensio.pow.difficulty;

/**
 * How the target of the next block follows from the chain before it. Every node must compute the
 * same value, so rules are pure functions of the history: no clock, no local state. Thread-safe.
 */
public sealed interface DifficultyRule permits BitcoinRetarget, Lwma {
  /** The compact target required of the block that extends {@code parentChain}'s tip. */
  int nextBits(BlockHistory parentChain);
}

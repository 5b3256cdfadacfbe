package io.consensio.pow.difficulty;

/**
 * The chain a difficulty rule looks back over: a tip (the parent of the block whose target is being
 * computed) and its ancestors by height. Implementations may walk the block tree lazily; callers
 * ask only for heights at or below {@link #tipHeight()}.
 */
public interface BlockHistory {
  long tipHeight();

  /** Block timestamp in milliseconds. */
  long timeMillis(long height);

  /** The block's compact target. */
  int bits(long height);
}

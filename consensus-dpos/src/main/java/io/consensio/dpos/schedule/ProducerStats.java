package io.consensio.dpos.schedule;

/**
 * How many of its slots a delegate filled and missed on one branch of the chain, counted from
 * genesis. Immutable.
 */
public record ProducerStats(long produced, long missed) {
  public static final ProducerStats ZERO = new ProducerStats(0, 0);

  public ProducerStats {
    if (produced < 0 || missed < 0) {
      throw new IllegalArgumentException("counters must not be negative");
    }
  }

  public ProducerStats plus(long moreProduced, long moreMissed) {
    return new ProducerStats(
        Math.addExact(produced, moreProduced), Math.addExact(missed, moreMissed));
  }
}

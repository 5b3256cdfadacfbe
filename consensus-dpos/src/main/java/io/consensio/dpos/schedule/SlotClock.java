package io.consensio.dpos.schedule;

/**
 * Slot arithmetic. Time after genesis is cut into slots of fixed length; slot 0 is the genesis
 * block's and a block produced in slot s carries the timestamp {@code genesis + s * slotMillis},
 * the start of its slot (EOSIO's {@code block_timestamp} is likewise a slot number). Immutable.
 */
public record SlotClock(long genesisMillis, long slotMillis) {
  public SlotClock {
    if (slotMillis <= 0) {
      throw new IllegalArgumentException("slotMillis must be positive");
    }
  }

  /** The slot that contains {@code millis}; negative before genesis. */
  public long slotAt(long millis) {
    return Math.floorDiv(millis - genesisMillis, slotMillis);
  }

  public long startOf(long slot) {
    return genesisMillis + slot * slotMillis;
  }

  /** True when {@code timestampMillis} is the exact start of {@code slot}. */
  public boolean isStartOf(long slot, long timestampMillis) {
    return slot >= 0
        && slot <= (Long.MAX_VALUE - genesisMillis) / slotMillis
        && startOf(slot) == timestampMillis;
  }
}

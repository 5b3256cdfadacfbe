package io.consensio.dpos.evidence;

import io.consensio.api.crypto.PublicKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Remembers the first signed seal seen for each (producer, slot) among recent blocks and reports
 * double production when a second, different block for the same pair arrives. Bounded: the oldest
 * entries are forgotten first, so equivocation is detected while both blocks arrive within the
 * window (many rounds at any realistic size). Event-loop thread only.
 */
public final class EquivocationDetector {
  private record SlotKey(PublicKey producer, long slot) {}

  private final Map<SlotKey, DoubleProduction.SignedSlot> firstSeen;

  public EquivocationDetector(int capacity) {
    this.firstSeen =
        new LinkedHashMap<>() {
          @Override
          protected boolean removeEldestEntry(
              Map.Entry<SlotKey, DoubleProduction.SignedSlot> eldest) {
            return size() > capacity;
          }
        };
  }

  /**
   * Records a seal whose signature was verified; returns evidence if the same producer signed a
   * different block for the same slot before.
   */
  public Optional<DoubleProduction> observe(
      PublicKey producer, long slot, DoubleProduction.SignedSlot signed) {
    SlotKey key = new SlotKey(producer, slot);
    DoubleProduction.SignedSlot earlier = firstSeen.putIfAbsent(key, signed);
    if (earlier == null || Objects.equals(earlier.blockId(), signed.blockId())) {
      return Optional.empty();
    }
    return Optional.of(DoubleProduction.of(producer, slot, earlier, signed));
  }
}

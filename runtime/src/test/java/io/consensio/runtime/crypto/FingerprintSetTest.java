package io.consensio.runtime.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consensio.api.types.Hash;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FingerprintSetTest {
  private static Hash id(long n) {
    return Hash.sha256(ByteBuffer.allocate(8).putLong(n).array());
  }

  @Test
  void remembersWhatWasAddedAndNothingElse() {
    FingerprintSet seen = new FingerprintSet(100);
    for (int i = 0; i < 50; i++) {
      seen.add(id(i));
    }
    for (int i = 0; i < 50; i++) {
      assertThat(seen.contains(id(i))).as("id %d", i).isTrue();
    }
    for (int i = 50; i < 1_000; i++) {
      assertThat(seen.contains(id(i))).as("id %d", i).isFalse();
    }
    assertThat(seen.size()).isEqualTo(50);
  }

  @Test
  void addingAnIdTwiceKeepsOneEntryAndItsAge() {
    FingerprintSet seen = new FingerprintSet(3);
    seen.add(id(1));
    seen.add(id(2));
    seen.add(id(1)); // not moved to the young end: insertion order, as gossip needs
    seen.add(id(3));
    assertThat(seen.size()).isEqualTo(3);
    seen.add(id(4));
    assertThat(seen.contains(id(1))).isFalse();
    assertThat(seen.contains(id(2))).isTrue();
    assertThat(seen.contains(id(3))).isTrue();
    assertThat(seen.contains(id(4))).isTrue();
  }

  /**
   * Against the obvious model (an insertion-ordered set that drops its eldest beyond capacity),
   * with capacities small enough that probe runs wrap around the table and deletions shift entries.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 7, 16, 100, 1_000})
  void forgetsExactlyTheOldestBeyondCapacity(int capacity) {
    FingerprintSet seen = new FingerprintSet(capacity);
    LinkedHashSet<Hash> model = new LinkedHashSet<>();
    Random random = new Random(capacity);
    List<Hash> universe = new ArrayList<>();
    for (int i = 0; i < capacity * 4 + 10; i++) {
      universe.add(id(i));
    }
    for (int step = 0; step < 20_000; step++) {
      Hash next = universe.get(random.nextInt(universe.size()));
      if (random.nextBoolean()) {
        seen.add(next);
        if (model.add(next) && model.size() > capacity) {
          model.remove(model.iterator().next());
        }
      }
      Hash probe = universe.get(random.nextInt(universe.size()));
      assertThat(seen.contains(probe)).as("step %d", step).isEqualTo(model.contains(probe));
      assertThat(seen.size()).isEqualTo(model.size());
    }
    for (Hash h : universe) {
      assertThat(seen.contains(h)).isEqualTo(model.contains(h));
    }
  }

  @Test
  void refusesANonPositiveCapacity() {
    assertThatThrownBy(() -> new FingerprintSet(0)).isInstanceOf(IllegalArgumentException.class);
  }

  /** A digest whose fingerprint is exactly (high, low). */
  private static Hash fingerprint(long high, long low) {
    return Hash.wrap(ByteBuffer.allocate(Hash.SIZE).putLong(high).putLong(low).array());
  }

  /**
   * Crafted fingerprints instead of uniform ones: the all-zero fingerprint (the table's free-slot
   * marker, kept apart), many fingerprints that share a home slot, and home slots at the end of the
   * table so that probe runs wrap around; checked against the model while the oldest are forgotten
   * and the runs are shifted back.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 5, 64})
  void collidingWrappingAndAllZeroFingerprintsBehaveLikeTheModel(int capacity) {
    FingerprintSet seen = new FingerprintSet(capacity);
    LinkedHashSet<Hash> model = new LinkedHashSet<>();
    List<Hash> universe = new ArrayList<>();
    universe.add(fingerprint(0, 0));
    universe.add(fingerprint(0, 1));
    universe.add(fingerprint(1, 0));
    for (long low = 0; low < 8; low++) {
      universe.add(fingerprint(0x1234_5678_0000_0000L, low)); // one home slot
      universe.add(fingerprint(-1L, low)); // the last home slot: runs wrap to slot 0
      universe.add(fingerprint(0xFFFF_FFFE_0000_0000L, low));
    }
    Random random = new Random(capacity * 31L);
    for (int step = 0; step < 20_000; step++) {
      Hash next = universe.get(random.nextInt(universe.size()));
      seen.add(next);
      if (model.add(next) && model.size() > capacity) {
        model.remove(model.iterator().next());
      }
      for (Hash h : universe) {
        assertThat(seen.contains(h)).as("step %d, %s", step, h).isEqualTo(model.contains(h));
      }
      assertThat(seen.size()).isEqualTo(model.size());
    }
  }
}

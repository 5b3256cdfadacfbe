package io.consensio.runtime.mempool;

import static io.consensio.runtime.mempool.PoolEntries.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@link NonceSequence} against a sorted map: appends, inserts into gaps near either end, removals
 * at both ends and in the middle, so that the circular arrays wrap around and grow.
 */
class NonceSequenceTest {
  @Test
  void behavesLikeASortedMapOfNonces() {
    Random random = new Random(5);
    for (int run = 0; run < 20; run++) {
      NonceSequence sequence = new NonceSequence();
      TreeMap<Long, PoolEntry> model = new TreeMap<>();
      long base = random.nextInt(1_000);
      for (int step = 0; step < 1_500; step++) {
        int op = random.nextInt(10);
        if (op < 4) {
          long nonce = model.isEmpty() ? base : model.lastKey() + 1 + random.nextInt(3);
          add(sequence, model, nonce, step);
        } else if (op < 6 && !model.isEmpty()) {
          // refill a gap (or try a held nonce, which must be refused)
          long low = model.firstKey() - 2;
          long nonce = low + random.nextInt((int) (model.lastKey() - low) + 1);
          if (model.containsKey(nonce)) {
            long held = nonce;
            assertThatThrownBy(() -> sequence.put(entry(held, 0)))
                .isInstanceOf(IllegalArgumentException.class);
          } else if (nonce >= 0) {
            add(sequence, model, nonce, step);
          }
        } else if (op < 9 && !model.isEmpty()) {
          List<Long> held = new ArrayList<>(model.keySet());
          long nonce = op == 6 ? held.get(0) : held.get(random.nextInt(held.size()));
          assertThat(sequence.remove(nonce)).isTrue();
          model.remove(nonce);
        } else {
          assertThat(sequence.remove(base + 10_000_000L)).isFalse();
        }
        check(sequence, model, random);
      }
    }
  }

  private static void add(
      NonceSequence sequence, TreeMap<Long, PoolEntry> model, long nonce, int step) {
    PoolEntry entry = entry(nonce, step);
    sequence.put(entry);
    model.put(nonce, entry);
  }

  private static void check(NonceSequence sequence, TreeMap<Long, PoolEntry> model, Random r) {
    assertThat(sequence.size()).isEqualTo(model.size());
    assertThat(sequence.isEmpty()).isEqualTo(model.isEmpty());
    assertThat(sequence.last()).isSameAs(model.isEmpty() ? null : model.lastEntry().getValue());
    if (model.isEmpty()) {
      return;
    }
    long low = model.firstKey() - 3;
    long high = model.lastKey() + 3;
    for (int i = 0; i < 3; i++) {
      long probe = low + r.nextInt((int) (high - low) + 1);
      assertThat(sequence.get(probe)).isSameAs(model.get(probe));
      long to = probe + r.nextInt(20) - 5;
      assertThat(sequence.countBetween(probe, to))
          .isEqualTo(to <= probe ? 0 : model.subMap(probe, to).size());
      assertThat(sequence.below(probe)).containsExactlyElementsOf(model.headMap(probe).values());
    }
  }
}

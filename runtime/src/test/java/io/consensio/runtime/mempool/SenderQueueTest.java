package io.consensio.runtime.mempool;

import static io.consensio.runtime.mempool.PoolEntries.SENDER;
import static io.consensio.runtime.mempool.PoolEntries.entry;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@link SenderQueue} keeps its tail and ready entry at hand instead of searching for them; after
 * every operation of a random sequence (tail appends, gap refills, removals at both ends and in the
 * middle, take-pointer moves in both directions) they must be what a plain nonce map says.
 */
class SenderQueueTest {
  @Test
  void cachedTailAndReadyEntryAlwaysMatchTheNonceMap() {
    Random random = new Random(11);
    for (int run = 0; run < 50; run++) {
      long stateNonce = random.nextInt(5);
      SenderQueue queue = new SenderQueue(SENDER, stateNonce);
      TreeMap<Long, PoolEntry> model = new TreeMap<>();
      long nextTake = stateNonce;
      for (int step = 0; step < 400; step++) {
        int op = random.nextInt(10);
        if (op < 5) {
          long nonce =
              model.isEmpty()
                  ? nextTake + random.nextInt(3)
                  : model.lastKey() + 1 - random.nextInt(6) + random.nextInt(4);
          if (nonce >= 0 && !model.containsKey(nonce)) {
            PoolEntry entry = entry(nonce, step);
            queue.put(entry);
            model.put(nonce, entry);
          }
        } else if (op < 8 && !model.isEmpty()) {
          ArrayList<Long> held = new ArrayList<>(model.keySet());
          long nonce = random.nextBoolean() ? held.get(0) : held.get(random.nextInt(held.size()));
          queue.remove(nonce);
          model.remove(nonce);
        } else {
          nextTake = Math.max(0, nextTake + random.nextInt(5) - 2);
          queue.setNextTake(nextTake);
        }
        assertThat(queue.nextTake()).isEqualTo(nextTake);
        assertThat(queue.readyEntry()).as("step %d", step).isSameAs(model.get(nextTake));
        Map.Entry<Long, PoolEntry> last = model.lastEntry();
        assertThat(queue.tail()).isSameAs(last == null ? null : last.getValue());
        assertThat(queue.highestNonce()).isEqualTo(last == null ? nextTake - 1 : last.getKey());
        assertThat(queue.isEmpty()).isEqualTo(model.isEmpty());
        for (long n = Math.max(0, nextTake - 3); n < nextTake + 12; n++) {
          assertThat(queue.holds(n)).isEqualTo(model.containsKey(n));
        }
        assertThat(queue.below(nextTake))
            .containsExactlyElementsOf(model.headMap(nextTake).values());
        assertThat(queue.countBetween(nextTake, nextTake + 5))
            .isEqualTo(model.subMap(nextTake, nextTake + 5).size());
      }
    }
  }
}

package io.consensio.sim.random;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SeedTreeTest {
  private static long[] draw(Random random, int n) {
    return IntStream.range(0, n).mapToLong(i -> random.nextLong()).toArray();
  }

  @Test
  void sameSeedAndNameGiveTheSameStream() {
    assertThat(draw(new SeedTree(42).random("network"), 10))
        .containsExactly(draw(new SeedTree(42).random("network"), 10));
  }

  @Test
  void differentNamesOrSeedsGiveDifferentStreams() {
    SeedTree tree = new SeedTree(42);
    assertThat(draw(tree.random("network"), 10)).isNotEqualTo(draw(tree.random("faults"), 10));
    assertThat(draw(tree.random("network"), 10))
        .isNotEqualTo(draw(new SeedTree(43).random("network"), 10));
  }

  @Test
  void addingAConsumerDoesNotShiftTheOthers() {
    SeedTree tree = new SeedTree(7);
    long[] alone = draw(tree.random("node/node-1"), 5);

    SeedTree again = new SeedTree(7);
    Random newcomer = again.random("node/node-0");
    draw(newcomer, 100);
    long[] withNewcomer = draw(again.random("node/node-1"), 5);

    assertThat(withNewcomer).containsExactly(alone);
  }

  @Test
  void childTreesAndBytesAreDerivedReproducibly() {
    SeedTree tree = new SeedTree(99);
    assertThat(tree.child("load").seedFor("client/1"))
        .isEqualTo(new SeedTree(99).child("load").seedFor("client/1"))
        .isNotEqualTo(tree.seedFor("client/1"));
    assertThat(tree.bytes("key", 32)).hasSize(32).isEqualTo(new SeedTree(99).bytes("key", 32));
    assertThat(tree.bytes("key", 32)).isNotEqualTo(tree.bytes("key2", 32));
  }
}

package io.consensio.dpos.schedule;

import io.consensio.api.types.Hash;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The deterministic shuffle of a round's delegates. BitShares 2.0 reshuffles its active witnesses
 * every round with a seed taken from the chain ("BitShares 2.0: General Overview", witness
 * scheduling), so no delegate can arrange to follow the delegate it wants to fork away from. Here
 * the seed is SHA-256 over the boundary block id and the round number, expanded in counter mode;
 * every node derives the same order from the same chain.
 */
public final class ShuffleStream {
  private static final byte[] DOMAIN = "consensio/dpos/shuffle/v1".getBytes(StandardCharsets.UTF_8);

  private final byte[] seed;
  private long counter;
  private byte[] block = new byte[0];
  private int position;

  private ShuffleStream(Hash boundary, long round) {
    this.seed = Hash.sha256(DOMAIN, boundary.toBytes(), longBytes(round)).toBytes();
  }

  /** {@code items} in the order of a Fisher–Yates shuffle seeded by {@code boundary, round}. */
  public static <T> List<T> shuffle(List<T> items, Hash boundary, long round) {
    List<T> out = new ArrayList<>(items);
    ShuffleStream stream = new ShuffleStream(boundary, round);
    for (int i = out.size() - 1; i > 0; i--) {
      int j = stream.nextBelow(i + 1);
      T swap = out.get(i);
      out.set(i, out.get(j));
      out.set(j, swap);
    }
    return out;
  }

  /** Uniform in [0, bound) by rejection sampling, so no index is favoured. */
  private int nextBelow(int bound) {
    long limit = (0x1_0000_0000L / bound) * bound;
    while (true) {
      long value = nextUnsignedInt();
      if (value < limit) {
        return (int) (value % bound);
      }
    }
  }

  private long nextUnsignedInt() {
    if (position + 4 > block.length) {
      block = Hash.sha256(seed, longBytes(counter++)).toBytes();
      position = 0;
    }
    long value = 0;
    for (int i = 0; i < 4; i++) {
      value = (value << 8) | (block[position++] & 0xFF);
    }
    return value;
  }

  private static byte[] longBytes(long value) {
    byte[] out = new byte[8];
    for (int i = 0; i < 8; i++) {
      out[i] = (byte) (value >>> (56 - 8 * i));
    }
    return out;
  }
}

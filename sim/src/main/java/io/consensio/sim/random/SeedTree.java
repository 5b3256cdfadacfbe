package io.consensio.sim.random;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Random;

/**
 * Derives every random stream of a run from one master seed.
 *
 * <p>A stream is named ({@code "network"}, {@code "node/node-1/engine"}, {@code "faults"}) and its
 * seed is SHA-256(master seed, name). Streams are therefore independent of each other and of the
 * order in which they are created: adding a new consumer never shifts the numbers an existing one
 * draws, so a seed keeps replaying the same run as the simulator grows.
 *
 * <p>Immutable and thread-safe; the {@link Random}s it hands out are not shared and belong to the
 * caller.
 */
public final class SeedTree {
  private static final byte[] DOMAIN = "consensio/sim/seed/v1".getBytes(StandardCharsets.US_ASCII);

  private final long masterSeed;

  public SeedTree(long masterSeed) {
    this.masterSeed = masterSeed;
  }

  public long masterSeed() {
    return masterSeed;
  }

  /** The 64-bit seed of stream {@code name}. */
  public long seedFor(String name) {
    byte[] digest = digest(name);
    long seed = 0;
    for (int i = 0; i < 8; i++) {
      seed = (seed << 8) | (digest[i] & 0xFF);
    }
    return seed;
  }

  /**
   * A new {@link Random} for stream {@code name}. Each call starts the stream from its beginning,
   * so a consumer should keep the instance it got rather than ask twice.
   */
  public Random random(String name) {
    return new Random(seedFor(name));
  }

  /** {@code length} (at most 32) bytes derived from {@code name}, e.g. an Ed25519 key seed. */
  public byte[] bytes(String name, int length) {
    if (length < 0 || length > 32) {
      throw new IllegalArgumentException("can derive 0..32 bytes, asked for " + length);
    }
    return Arrays.copyOf(digest(name), length);
  }

  /** A tree rooted at the seed of {@code name}, for a component that names its own streams. */
  public SeedTree child(String name) {
    return new SeedTree(seedFor(name));
  }

  private byte[] digest(String name) {
    Objects.requireNonNull(name, "name");
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK must provide SHA-256", e);
    }
    sha256.update(DOMAIN);
    for (int i = 56; i >= 0; i -= 8) {
      sha256.update((byte) (masterSeed >>> i));
    }
    sha256.update(name.getBytes(StandardCharsets.UTF_8));
    return sha256.digest();
  }
}

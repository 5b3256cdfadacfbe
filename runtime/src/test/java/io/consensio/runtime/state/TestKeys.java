package io.consensio.runtime.state;

import io.consensio.api.crypto.Ed25519KeyPair;
import java.util.Arrays;

/** Deterministic Ed25519 keys for tests: key {@code n} comes from a seed filled with {@code n}. */
public final class TestKeys {
  private TestKeys() {}

  public static Ed25519KeyPair key(int n) {
    byte[] seed = new byte[32];
    Arrays.fill(seed, (byte) n);
    return Ed25519KeyPair.fromSeed(seed);
  }
}

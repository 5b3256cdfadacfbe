package io.consensio.bench;

import io.consensio.api.crypto.Ed25519KeyPair;
import java.util.ArrayList;
import java.util.List;

/**
 * Deterministic key pairs for benchmark fixtures, so every run signs the same transactions and
 * results are comparable between runs.
 */
final class BenchKeys {
  /** The account every benchmark transfer pays. */
  static final Ed25519KeyPair RECIPIENT = key(1_000_000);

  private BenchKeys() {}

  /** The key pair whose 32-byte seed is {@code index} big-endian in its first four bytes. */
  static Ed25519KeyPair key(int index) {
    byte[] seed = new byte[32];
    seed[0] = (byte) (index >>> 24);
    seed[1] = (byte) (index >>> 16);
    seed[2] = (byte) (index >>> 8);
    seed[3] = (byte) index;
    seed[31] = 1;
    return Ed25519KeyPair.fromSeed(seed);
  }

  /** Key pairs 0 to {@code count - 1}. */
  static List<Ed25519KeyPair> keys(int count) {
    List<Ed25519KeyPair> keys = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      keys.add(key(i));
    }
    return keys;
  }
}

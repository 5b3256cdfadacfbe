package io.consensio.runtime.state;

import io.consensio.api.crypto.PublicKey;
import java.util.Arrays;

/**
 * A key in an owner's key/value namespace. Ordered by owner, then by unsigned key bytes, so every
 * node iterates key/value entries in one order.
 */
public record KvKey(PublicKey owner, byte[] key) implements Comparable<KvKey> {
  public KvKey {
    key = key.clone();
  }

  @Override
  public byte[] key() {
    return key.clone();
  }

  byte[] rawKey() {
    return key;
  }

  @Override
  public int compareTo(KvKey other) {
    int byOwner = owner.compareTo(other.owner);
    return byOwner != 0 ? byOwner : Arrays.compareUnsigned(key, other.key);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KvKey other && owner.equals(other.owner) && Arrays.equals(key, other.key);
  }

  @Override
  public int hashCode() {
    return 31 * owner.hashCode() + Arrays.hashCode(key);
  }
}

package io.consensio.runtime.state;

import io.consensio.api.crypto.PublicKey;
import java.util.Arrays;

/**
 * A key in an owner's key/value namespace. Ordered by owner, then by unsigned key bytes, so every
 * node iterates key/value entries in one order.
 *
 * <p>Key/value entries live in a persistent search tree that holds every key ever written (a
 * million after a minute of benchmark load), so one lookup compares about twenty keys, and a
 * transaction's execution looks its key up four times on every node. Comparing through the owner
 * object and two byte arrays cost a cache miss per level: the owner's bytes and the first eight key
 * bytes are copied into this object as longs, and the order is decided on them whenever they differ
 * (unsigned comparison of big-endian longs is the byte order; a key shorter than eight bytes is
 * padded with zeros, which never reverses the order of two keys whose padded prefixes differ). Only
 * keys with equal owners and equal padded prefixes compare their full bytes.
 */
public final class KvKey implements Comparable<KvKey> {
  private final PublicKey owner;
  private final byte[] key;
  private final long owner0;
  private final long owner1;
  private final long owner2;
  private final long owner3;
  private final long keyPrefix;
  private final int hashCode;

  public KvKey(PublicKey owner, byte[] key) {
    this.owner = owner;
    this.key = key.clone();
    this.owner0 = owner.longAt(0);
    this.owner1 = owner.longAt(1);
    this.owner2 = owner.longAt(2);
    this.owner3 = owner.longAt(3);
    this.keyPrefix = paddedPrefix(this.key);
    this.hashCode = 31 * owner.hashCode() + Arrays.hashCode(this.key);
  }

  public PublicKey owner() {
    return owner;
  }

  public byte[] key() {
    return key.clone();
  }

  byte[] rawKey() {
    return key;
  }

  @Override
  public int compareTo(KvKey other) {
    int c = Long.compareUnsigned(owner0, other.owner0);
    if (c == 0) {
      c = Long.compareUnsigned(owner1, other.owner1);
    }
    if (c == 0) {
      c = Long.compareUnsigned(owner2, other.owner2);
    }
    if (c == 0) {
      c = Long.compareUnsigned(owner3, other.owner3);
    }
    if (c == 0) {
      c = Long.compareUnsigned(keyPrefix, other.keyPrefix);
    }
    return c != 0 ? c : Arrays.compareUnsigned(key, other.key);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KvKey other
        && hashCode == other.hashCode
        && owner0 == other.owner0
        && owner1 == other.owner1
        && owner2 == other.owner2
        && owner3 == other.owner3
        && Arrays.equals(key, other.key);
  }

  @Override
  public int hashCode() {
    return hashCode;
  }

  @Override
  public String toString() {
    return "KvKey[" + owner + ", " + java.util.HexFormat.of().formatHex(key) + "]";
  }

  /** The first eight bytes as a big-endian long, zero-padded when the key is shorter. */
  private static long paddedPrefix(byte[] key) {
    long prefix = 0;
    for (int i = 0; i < Long.BYTES; i++) {
      prefix = (prefix << 8) | (i < key.length ? key[i] & 0xFF : 0);
    }
    return prefix;
  }
}

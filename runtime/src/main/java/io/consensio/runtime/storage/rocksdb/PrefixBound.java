package io.consensio.runtime.storage.rocksdb;

import java.util.Arrays;

/** Unsigned-byte prefix arithmetic for range scans. */
final class PrefixBound {
  private PrefixBound() {}

  /**
   * The smallest key greater than every key that starts with {@code prefix}, or null when there is
   * none (an empty prefix, or one made only of 0xFF bytes): drop trailing 0xFF bytes, then add one
   * to the last byte.
   */
  static byte[] exclusiveUpperBound(byte[] prefix) {
    int end = prefix.length;
    while (end > 0 && prefix[end - 1] == (byte) 0xFF) {
      end--;
    }
    if (end == 0) {
      return null;
    }
    byte[] bound = Arrays.copyOf(prefix, end);
    bound[end - 1]++;
    return bound;
  }

  static boolean startsWith(byte[] key, byte[] prefix) {
    return key.length >= prefix.length
        && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
  }
}

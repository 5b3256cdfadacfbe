package io.consensio.pow.header;

import java.math.BigInteger;
import org.bouncycastle.crypto.digests.SHA256Digest;

/**
 * SHA-256 applied twice, Bitcoin's header hash (Nakamoto 2008, §4: "such as with SHA-256"; Bitcoin
 * Core src/hash.h {@code CHash256}). The 32 output bytes are in the order SHA-256 produces them,
 * which Bitcoin treats as a little-endian number: the familiar displayed hash is this array
 * reversed. Stateless and thread-safe.
 */
public final class DoubleSha256 {
  private DoubleSha256() {}

  public static byte[] hash(byte[] data) {
    return hash(data, 0, data.length);
  }

  public static byte[] hash(byte[] data, int offset, int length) {
    SHA256Digest digest = new SHA256Digest();
    byte[] first = new byte[32];
    digest.update(data, offset, length);
    digest.doFinal(first, 0);
    byte[] second = new byte[32];
    digest.update(first, 0, 32);
    digest.doFinal(second, 0);
    return second;
  }

  /** The hash as the 256-bit number that is compared with the target. */
  public static BigInteger asNumber(byte[] hash) {
    byte[] bigEndian = new byte[hash.length];
    for (int i = 0; i < hash.length; i++) {
      bigEndian[i] = hash[hash.length - 1 - i];
    }
    return new BigInteger(1, bigEndian);
  }

  /** The hash as block explorers and Bitcoin Core's RPC display it (byte-reversed hex). */
  public static String displayHex(byte[] hash) {
    StringBuilder hex = new StringBuilder(64);
    for (int i = hash.length - 1; i >= 0; i--) {
      hex.append(Character.forDigit((hash[i] >> 4) & 0xF, 16))
          .append(Character.forDigit(hash[i] & 0xF, 16));
    }
    return hex.toString();
  }

  /** True when {@code hash} (little-endian) is at most {@code targetLittleEndian}. */
  public static boolean atMost(byte[] hash, byte[] targetLittleEndian) {
    for (int i = 31; i >= 0; i--) {
      int a = hash[i] & 0xFF;
      int b = targetLittleEndian[i] & 0xFF;
      if (a != b) {
        return a < b;
      }
    }
    return true;
  }
}

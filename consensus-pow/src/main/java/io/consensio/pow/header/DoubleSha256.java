package io.consensio.pow.header;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 applied twice, Bitcoin's header hash (Nakamoto 2008, §4: "such as with SHA-256"; Bitcoin
 * Core src/hash.h {@code CHash256}). The 32 output bytes are in the order SHA-256 produces them,
 * which Bitcoin treats as a little-endian number: the familiar displayed hash is this array
 * reversed. Uses the JDK's SHA-256, which HotSpot runs on the CPU's SHA instructions where present
 * (several times Bouncy Castle's pure-Java digest, see benchmarks/README.md). Stateless and
 * thread-safe.
 */
public final class DoubleSha256 {
  private DoubleSha256() {}

  /** A fresh JDK SHA-256 digest. */
  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK provides SHA-256", e);
    }
  }

  public static byte[] hash(byte[] data) {
    return hash(data, 0, data.length);
  }

  public static byte[] hash(byte[] data, int offset, int length) {
    MessageDigest digest = sha256();
    digest.update(data, offset, length);
    return digest.digest(digest.digest());
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

package io.consensio.api.types;

import io.consensio.api.codec.CanonicalReader;
import io.consensio.api.codec.CanonicalWriter;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A 32-byte SHA-256 digest. Immutable and thread-safe; ordered by unsigned byte comparison so that
 * sorted collections of hashes are identical on every node.
 */
public final class Hash implements Comparable<Hash> {
  public static final int SIZE = 32;
  public static final Hash ZERO = new Hash(new byte[SIZE]);

  private static final java.lang.invoke.VarHandle BIG_ENDIAN_LONGS =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
          long[].class, java.nio.ByteOrder.BIG_ENDIAN);
  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("the JDK must provide SHA-256", e);
            }
          });

  private final byte[] bytes;
  private final int hashCode;

  private Hash(byte[] bytes) {
    this.bytes = bytes;
    this.hashCode = Arrays.hashCode(bytes);
  }

  public static Hash wrap(byte[] bytes) {
    if (bytes.length != SIZE) {
      throw new IllegalArgumentException("a hash has 32 bytes, got " + bytes.length);
    }
    return new Hash(bytes.clone());
  }

  /** SHA-256 of the concatenation of the given parts. */
  public static Hash sha256(byte[]... parts) {
    MessageDigest digest = SHA256.get();
    for (byte[] part : parts) {
      digest.update(part);
    }
    return new Hash(digest.digest());
  }

  public static Hash fromHex(String hex) {
    return wrap(HexFormat.of().parseHex(hex));
  }

  public static Hash read(CanonicalReader reader) {
    return new Hash(reader.readFixed(SIZE));
  }

  public void write(CanonicalWriter writer) {
    writer.writeFixed(bytes);
  }

  public byte[] toBytes() {
    return bytes.clone();
  }

  /**
   * The digest without a defensive copy, for hashing in this package; callers must not modify it.
   */
  byte[] raw() {
    return bytes;
  }

  /** The first 8 bytes as a long, for seeding and bucketing (not for security). */
  public long prefixAsLong() {
    long value = 0;
    for (int i = 0; i < 8; i++) {
      value = (value << 8) | (bytes[i] & 0xFF);
    }
    return value;
  }

  /**
   * Bytes {@code 8 * index .. 8 * index + 7} as a big-endian long ({@code index} 0..3): a hash's
   * content as four words, for compact fingerprints (not for security decisions on their own).
   */
  public long longAt(int index) {
    return (long) BIG_ENDIAN_LONGS.get(bytes, Objects.checkIndex(index, SIZE / Long.BYTES) * 8);
  }

  public String toHex() {
    return HexFormat.of().formatHex(bytes);
  }

  public String shortHex() {
    return toHex().substring(0, 12);
  }

  @Override
  public int compareTo(Hash other) {
    return Arrays.compareUnsigned(bytes, other.bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Hash other
        && hashCode == other.hashCode
        && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return hashCode;
  }

  @Override
  public String toString() {
    return shortHex();
  }
}

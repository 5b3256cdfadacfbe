package io.consensio.api.crypto;

import io.consensio.api.codec.CanonicalReader;
import io.consensio.api.codec.CanonicalWriter;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * An Ed25519 public key (32 bytes). Also the address of an account in the ledger. Immutable and
 * thread-safe. The decoded curve point is cached on first verification, which makes repeated
 * verification under one key (the common case for validators) cheaper.
 */
public final class PublicKey implements Comparable<PublicKey> {
  public static final int SIZE = Ed25519.PUBLIC_KEY_SIZE;

  private static final java.lang.invoke.VarHandle BIG_ENDIAN_LONGS =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
          long[].class, java.nio.ByteOrder.BIG_ENDIAN);

  /**
   * Decoded points of recently seen keys, shared by all instances: every decoded transaction or
   * message makes a new instance for its sender, and decoding the point (a square root in the
   * field) is about a tenth of a verification. Bounded: emptied when full, so a flood of fresh keys
   * costs only what it cost without the cache.
   */
  private static final int POINT_CACHE_LIMIT = 16_384;

  private static final ConcurrentHashMap<PublicKey, Optional<Ed25519.PublicPoint>> POINTS =
      new ConcurrentHashMap<>();

  private final byte[] bytes;
  private final int hashCode;
  private volatile Ed25519.PublicPoint point;
  private volatile boolean pointChecked;

  private PublicKey(byte[] bytes) {
    this.bytes = bytes;
    this.hashCode = Arrays.hashCode(bytes);
  }

  public static PublicKey wrap(byte[] bytes) {
    if (bytes.length != SIZE) {
      throw new IllegalArgumentException("an Ed25519 public key has 32 bytes, got " + bytes.length);
    }
    return new PublicKey(bytes.clone());
  }

  public static PublicKey fromHex(String hex) {
    return wrap(HexFormat.of().parseHex(hex));
  }

  public static PublicKey read(CanonicalReader reader) {
    return new PublicKey(reader.readFixed(SIZE));
  }

  public void write(CanonicalWriter writer) {
    writer.writeFixed(bytes);
  }

  /** The decoded point, or null when the bytes are not a valid curve point. */
  Ed25519.PublicPoint point() {
    if (!pointChecked) {
      Optional<Ed25519.PublicPoint> decoded = POINTS.get(this);
      if (decoded == null) {
        decoded = Optional.ofNullable(Ed25519.validatePublicKeyPartialExport(bytes, 0));
        if (POINTS.size() >= POINT_CACHE_LIMIT) {
          POINTS.clear();
        }
        POINTS.put(this, decoded);
      }
      point = decoded.orElse(null);
      pointChecked = true;
    }
    return point;
  }

  public byte[] toBytes() {
    return bytes.clone();
  }

  /**
   * Bytes {@code 8 * index} to {@code 8 * index + 7} as a big-endian long (index 0 to 3): comparing
   * the four longs unsigned, in order, is the same as comparing the keys' bytes unsigned.
   */
  public long longAt(int index) {
    return (long) BIG_ENDIAN_LONGS.get(bytes, Objects.checkIndex(index, SIZE / Long.BYTES) * 8);
  }

  public String toHex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public int compareTo(PublicKey other) {
    return Arrays.compareUnsigned(bytes, other.bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PublicKey other
        && hashCode == other.hashCode
        && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return hashCode;
  }

  @Override
  public String toString() {
    return toHex().substring(0, 12);
  }
}

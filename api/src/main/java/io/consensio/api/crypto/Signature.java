package io.consensio.api.crypto;

import io.consensio.api.codec.CanonicalReader;
import io.consensio.api.codec.CanonicalWriter;
import java.util.Arrays;
import java.util.HexFormat;

/** A 64-byte Ed25519 signature. Immutable and thread-safe. */
public final class Signature {
  public static final int SIZE = 64;

  private final byte[] bytes;

  private Signature(byte[] bytes) {
    this.bytes = bytes;
  }

  public static Signature wrap(byte[] bytes) {
    if (bytes.length != SIZE) {
      throw new IllegalArgumentException("an Ed25519 signature has 64 bytes, got " + bytes.length);
    }
    return new Signature(bytes.clone());
  }

  public static Signature read(CanonicalReader reader) {
    return new Signature(reader.readFixed(SIZE));
  }

  public void write(CanonicalWriter writer) {
    writer.writeFixed(bytes);
  }

  byte[] raw() {
    return bytes;
  }

  public byte[] toBytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Signature other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return HexFormat.of().formatHex(bytes, 0, 6) + "…";
  }
}

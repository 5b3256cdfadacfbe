package io.consensio.pos.vrf;

import cafe.cryptography.curve25519.EdwardsPoint;
import io.consensio.api.codec.CanonicalReader;
import io.consensio.api.codec.CanonicalWriter;
import io.consensio.api.codec.DecodingException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A validated ECVRF public key Y: its canonical 32-byte encoding (PK_string) and the decoded point,
 * kept together so that verifying many proofs under one key decodes it once. Only keys that pass
 * RFC 9381 §5.4.5 validation (canonical encoding, not of small order) can be built. Immutable and
 * thread-safe; equality is by encoding.
 */
public final class VrfPublicKey {
  private final byte[] encoded;
  private final EdwardsPoint point;

  private VrfPublicKey(byte[] encoded, EdwardsPoint point) {
    this.encoded = encoded;
    this.point = point;
  }

  /** The key encoded as {@code bytes}, or empty when they are not a valid VRF public key. */
  public static Optional<VrfPublicKey> decode(byte[] bytes) {
    return Ecvrf.decodePoint(bytes)
        .filter(point -> !point.isSmallOrder())
        .map(point -> new VrfPublicKey(bytes.clone(), point));
  }

  static VrfPublicKey of(EdwardsPoint point) {
    return new VrfPublicKey(point.compress().toByteArray(), point);
  }

  public static VrfPublicKey read(CanonicalReader reader) {
    return decode(reader.readFixed(Ecvrf.POINT_BYTES))
        .orElseThrow(() -> new DecodingException("not a valid VRF public key"));
  }

  public void write(CanonicalWriter writer) {
    writer.writeFixed(encoded);
  }

  /** PK_string: the canonical encoding. */
  public byte[] toBytes() {
    return encoded.clone();
  }

  byte[] encoded() {
    return encoded;
  }

  EdwardsPoint point() {
    return point;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VrfPublicKey other && Arrays.equals(encoded, other.encoded);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encoded);
  }

  @Override
  public String toString() {
    return "VrfPublicKey[" + HexFormat.of().formatHex(encoded, 0, 8) + "…]";
  }
}

package io.consensio.pos.vrf;

import cafe.cryptography.curve25519.CompressedEdwardsY;
import cafe.cryptography.curve25519.Constants;
import cafe.cryptography.curve25519.EdwardsPoint;
import cafe.cryptography.curve25519.InvalidEncodingException;
import cafe.cryptography.curve25519.Scalar;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;

/**
 * ECVRF-EDWARDS25519-SHA512-TAI, the elliptic-curve verifiable random function of RFC 9381 §5 with
 * the suite of §5.5 (suite_string 0x03): edwards25519, SHA-512, try-and-increment encode-to-curve
 * (§5.4.1.1), RFC 8032 nonce generation (§5.4.2.2), challenge generation (§5.4.3) with cLen = 16,
 * and point encoding and decoding as in RFC 8032 §5.1.2–5.1.3. Proofs are 80 bytes (Γ ‖ c ‖ s,
 * §5.5), outputs 64 bytes (§5.2).
 *
 * <p>Unlike an Ed25519 signature, whose nonce a verifier cannot check, a proof fixes its output:
 * the output β depends on Γ = x·H alone, and the proof shows that log_H Γ = log_B Y, so for one
 * public key and one input there is exactly one β that verifies ("full uniqueness", RFC 9381 §3.1).
 * That is what makes it a lottery ticket that cannot be ground.
 *
 * <p>Point arithmetic comes from curve25519-elisabeth (a Java port of curve25519-dalek). Decoding
 * is strict: a point whose encoding is not the canonical one (y ≥ p, or x = 0 with the sign bit
 * set) is rejected, as RFC 8032 §5.1.3 requires; the library reduces such encodings silently, so
 * every decoded point is re-encoded and compared. Verification validates the public key (§5.4.5: a
 * key of small order is rejected). Stateless and thread-safe; proving is constant-time in the
 * secret as far as the library's scalar multiplication is, verification is not (it handles public
 * data).
 */
public final class Ecvrf {
  /** suite_string of ECVRF-EDWARDS25519-SHA512-TAI (RFC 9381 §5.5). */
  public static final byte SUITE = 0x03;

  public static final int POINT_BYTES = 32;
  public static final int CHALLENGE_BYTES = 16;
  public static final int SCALAR_BYTES = 32;
  public static final int PROOF_BYTES = POINT_BYTES + CHALLENGE_BYTES + SCALAR_BYTES;
  public static final int OUTPUT_BYTES = 64;

  private static final byte ENCODE_FRONT = 0x01;
  private static final byte CHALLENGE_FRONT = 0x02;
  private static final byte PROOF_TO_HASH_FRONT = 0x03;
  private static final byte BACK = 0x00;

  private Ecvrf() {}

  /** A decoded proof (RFC 9381 §5.4.4): Γ, the challenge c and the response s. */
  record DecodedProof(EdwardsPoint gamma, Scalar c, Scalar s) {}

  /**
   * The first half of ECVRF_prove (§5.1 steps 2–4) for secret scalar {@code x}: H =
   * encode_to_curve(PK, α) and Γ = x·H, which fix the output; {@link #finishProof} adds the proof.
   */
  static Evaluation evaluate(Scalar x, VrfPublicKey publicKey, byte[] alpha) {
    EdwardsPoint h = encodeToCurve(publicKey.encoded(), alpha);
    return new Evaluation(h, h.multiply(x));
  }

  /** H and Γ of one evaluation. */
  record Evaluation(EdwardsPoint h, EdwardsPoint gamma) {
    /** β = ECVRF_proof_to_hash of the proof this evaluation leads to (§5.2). */
    byte[] output() {
      return gammaToHash(gamma);
    }
  }

  /**
   * The rest of ECVRF_prove (§5.1 steps 5–8): the nonce k (§5.4.2.2), c = challenge(Y, H, Γ, k·B,
   * k·H), s = k + c·x mod q, and π = Γ ‖ c ‖ s.
   */
  static byte[] finishProof(
      Scalar x, byte[] noncePrefix, VrfPublicKey publicKey, Evaluation evaluation) {
    byte[] hString = evaluation.h().compress().toByteArray();
    Scalar k = nonce(noncePrefix, hString);
    EdwardsPoint u = Constants.ED25519_BASEPOINT_TABLE.multiply(k);
    EdwardsPoint v = evaluation.h().multiply(k);
    byte[] gammaString = evaluation.gamma().compress().toByteArray();
    byte[] cString = challenge(publicKey.encoded(), hString, gammaString, u, v);
    Scalar s = k.add(challengeScalar(cString).multiply(x));
    byte[] pi = new byte[PROOF_BYTES];
    System.arraycopy(gammaString, 0, pi, 0, POINT_BYTES);
    System.arraycopy(cString, 0, pi, POINT_BYTES, CHALLENGE_BYTES);
    System.arraycopy(s.toByteArray(), 0, pi, POINT_BYTES + CHALLENGE_BYTES, SCALAR_BYTES);
    return pi;
  }

  /** ECVRF_prove (§5.1) in one step. */
  static byte[] prove(Scalar x, byte[] noncePrefix, VrfPublicKey publicKey, byte[] alpha) {
    return finishProof(x, noncePrefix, publicKey, evaluate(x, publicKey, alpha));
  }

  /**
   * ECVRF_verify (§5.3) with validate_key = TRUE (the key was validated when {@code publicKey} was
   * decoded): β when {@code pi} is a valid proof for {@code alpha} under the key, empty otherwise.
   */
  public static Optional<byte[]> verify(VrfPublicKey publicKey, byte[] alpha, byte[] pi) {
    Optional<DecodedProof> decoded = decodeProof(pi);
    if (decoded.isEmpty()) {
      return Optional.empty();
    }
    DecodedProof d = decoded.get();
    EdwardsPoint h = encodeToCurve(publicKey.encoded(), alpha);
    // U = s·B − c·Y, V = s·H − c·Γ (§5.3 steps 7–8); all public, so variable time is fine.
    EdwardsPoint u =
        EdwardsPoint.vartimeDoubleScalarMultiplyBasepoint(
            Scalar.ZERO.subtract(d.c()), publicKey.point(), d.s());
    EdwardsPoint v = vartimeDoubleScalarMultiply(d.s(), h, d.c(), d.gamma().negate());
    byte[] expected =
        challenge(
            publicKey.encoded(),
            h.compress().toByteArray(),
            Arrays.copyOfRange(pi, 0, POINT_BYTES),
            u,
            v);
    if (!MessageDigest.isEqual(
        expected, Arrays.copyOfRange(pi, POINT_BYTES, POINT_BYTES + CHALLENGE_BYTES))) {
      return Optional.empty();
    }
    return Optional.of(gammaToHash(d.gamma()));
  }

  /**
   * ECVRF_proof_to_hash (§5.2): β of a proof, without verifying it (callers that need a verified β
   * use {@link #verify}). Empty when the proof does not decode.
   */
  public static Optional<byte[]> proofToHash(byte[] pi) {
    return decodeProof(pi).map(d -> gammaToHash(d.gamma()));
  }

  /** ECVRF_decode_proof (§5.4.4): Γ must decode strictly, s must be below the group order. */
  static Optional<DecodedProof> decodeProof(byte[] pi) {
    if (pi.length != PROOF_BYTES) {
      return Optional.empty();
    }
    Optional<EdwardsPoint> gamma = decodePoint(Arrays.copyOfRange(pi, 0, POINT_BYTES));
    if (gamma.isEmpty()) {
      return Optional.empty();
    }
    Scalar c = challengeScalar(Arrays.copyOfRange(pi, POINT_BYTES, POINT_BYTES + CHALLENGE_BYTES));
    Scalar s;
    try {
      s =
          Scalar.fromCanonicalBytes(
              Arrays.copyOfRange(pi, POINT_BYTES + CHALLENGE_BYTES, PROOF_BYTES));
    } catch (IllegalArgumentException nonCanonical) {
      return Optional.empty();
    }
    return Optional.of(new DecodedProof(gamma.get(), c, s));
  }

  /**
   * string_to_point (RFC 8032 §5.1.3): the point, or empty when the bytes are not the canonical
   * encoding of a curve point.
   */
  static Optional<EdwardsPoint> decodePoint(byte[] encoded) {
    if (encoded.length != POINT_BYTES || !isCanonical(encoded)) {
      return Optional.empty();
    }
    try {
      return Optional.of(new CompressedEdwardsY(encoded).decompress());
    } catch (InvalidEncodingException notOnCurve) {
      return Optional.empty();
    }
  }

  /**
   * The checks of RFC 8032 §5.1.3 that the library leaves out (it reduces y modulo p and accepts x
   * = 0 with the sign bit set), done on the bytes so that no field inversion is spent: y < p, and
   * the sign bit is clear when x = 0, which happens exactly when y = 1 or y = p − 1.
   */
  private static boolean isCanonical(byte[] encoded) {
    boolean signBit = (encoded[31] & 0x80) != 0;
    int top = encoded[31] & 0x7f;
    boolean middleAllOnes = top == 0x7f;
    for (int i = 1; i < 31 && middleAllOnes; i++) {
      middleAllOnes = encoded[i] == (byte) 0xff;
    }
    int low = encoded[0] & 0xff;
    if (middleAllOnes && low >= 0xed) {
      return false; // y ≥ p = 2^255 − 19, whose low byte is 0xed
    }
    if (signBit) {
      boolean yIsPMinusOne = middleAllOnes && low == 0xec;
      boolean yIsOne = low == 1 && top == 0;
      for (int i = 1; i < 31 && yIsOne; i++) {
        yIsOne = encoded[i] == 0;
      }
      return !(yIsOne || yIsPMinusOne);
    }
    return true;
  }

  /**
   * ECVRF_encode_to_curve_try_and_increment (§5.4.1.1) with encode_to_curve_salt = PK_string
   * (§5.5): hash (suite ‖ 0x01 ‖ PK ‖ α ‖ ctr ‖ 0x00) until the first 32 bytes decode to a point,
   * then clear the cofactor. Each try succeeds with probability about 1/2.
   */
  static EdwardsPoint encodeToCurve(byte[] salt, byte[] alpha) {
    MessageDigest sha512 = sha512();
    for (int ctr = 0; ctr < 256; ctr++) {
      sha512.update(SUITE);
      sha512.update(ENCODE_FRONT);
      sha512.update(salt);
      sha512.update(alpha);
      sha512.update((byte) ctr);
      sha512.update(BACK);
      byte[] hash = sha512.digest();
      Optional<EdwardsPoint> point = decodePoint(Arrays.copyOf(hash, POINT_BYTES));
      if (point.isPresent()) {
        return point.get().multiplyByCofactor();
      }
    }
    // 256 failures in a row have probability 2^-256; the RFC's loop would run on, a node must not.
    throw new IllegalStateException("encode_to_curve found no point in 256 tries");
  }

  /** ECVRF_nonce_generation_RFC8032 (§5.4.2.2): SHA-512(second half of SHA-512(SK) ‖ h) mod q. */
  private static Scalar nonce(byte[] noncePrefix, byte[] hString) {
    MessageDigest sha512 = sha512();
    sha512.update(noncePrefix);
    sha512.update(hString);
    return Scalar.fromBytesModOrderWide(sha512.digest());
  }

  /**
   * ECVRF_challenge_generation (§5.4.3) over (Y, H, Γ, U, V): the first cLen = 16 bytes of
   * SHA-512(suite ‖ 0x02 ‖ Y ‖ H ‖ Γ ‖ U ‖ V ‖ 0x00).
   */
  private static byte[] challenge(
      byte[] y, byte[] h, byte[] gamma, EdwardsPoint u, EdwardsPoint v) {
    MessageDigest sha512 = sha512();
    sha512.update(SUITE);
    sha512.update(CHALLENGE_FRONT);
    sha512.update(y);
    sha512.update(h);
    sha512.update(gamma);
    sha512.update(u.compress().toByteArray());
    sha512.update(v.compress().toByteArray());
    sha512.update(BACK);
    return Arrays.copyOf(sha512.digest(), CHALLENGE_BYTES);
  }

  /**
   * a·A + b·B in variable time, for public scalars and points only: Straus' interleaving with 4-bit
   * fixed windows over the library's point addition and doubling. The library has this only with
   * the basepoint as B; two separate constant-time multiplications cost about twice as much.
   */
  private static EdwardsPoint vartimeDoubleScalarMultiply(
      Scalar a, EdwardsPoint pointA, Scalar b, EdwardsPoint pointB) {
    EdwardsPoint[] multiplesOfA = multiplesUpTo15(pointA);
    EdwardsPoint[] multiplesOfB = multiplesUpTo15(pointB);
    byte[] aBytes = a.toByteArray();
    byte[] bBytes = b.toByteArray();
    EdwardsPoint sum = EdwardsPoint.IDENTITY;
    boolean started = false;
    for (int window = 63; window >= 0; window--) {
      if (started) {
        sum = sum.dbl().dbl().dbl().dbl();
      }
      int shift = (window & 1) * 4;
      int digitA = (aBytes[window >> 1] >> shift) & 15;
      int digitB = (bBytes[window >> 1] >> shift) & 15;
      if (digitA != 0) {
        sum = sum.add(multiplesOfA[digitA]);
        started = true;
      }
      if (digitB != 0) {
        sum = sum.add(multiplesOfB[digitB]);
        started = true;
      }
    }
    return sum;
  }

  private static EdwardsPoint[] multiplesUpTo15(EdwardsPoint point) {
    EdwardsPoint[] multiples = new EdwardsPoint[16];
    multiples[0] = EdwardsPoint.IDENTITY;
    multiples[1] = point;
    for (int i = 2; i < 16; i++) {
      multiples[i] = (i & 1) == 0 ? multiples[i / 2].dbl() : multiples[i - 1].add(point);
    }
    return multiples;
  }

  /** string_to_int of the 16-byte challenge (little-endian, §5.5); always below q. */
  private static Scalar challengeScalar(byte[] cString) {
    return Scalar.fromBytesModOrder(Arrays.copyOf(cString, SCALAR_BYTES));
  }

  /** The tail of ECVRF_proof_to_hash (§5.2): SHA-512(suite ‖ 0x03 ‖ cofactor·Γ ‖ 0x00). */
  private static byte[] gammaToHash(EdwardsPoint gamma) {
    MessageDigest sha512 = sha512();
    sha512.update(SUITE);
    sha512.update(PROOF_TO_HASH_FRONT);
    sha512.update(gamma.multiplyByCofactor().compress().toByteArray());
    sha512.update(BACK);
    return sha512.digest();
  }

  static MessageDigest sha512() {
    try {
      return MessageDigest.getInstance("SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-512", e);
    }
  }
}

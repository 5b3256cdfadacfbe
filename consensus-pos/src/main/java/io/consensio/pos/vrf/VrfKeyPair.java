package io.consensio.pos.vrf;

import cafe.cryptography.curve25519.Constants;
import cafe.cryptography.curve25519.Scalar;
import io.consensio.api.crypto.Signer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * An ECVRF-EDWARDS25519-SHA512-TAI key pair, expanded from a 32-byte seed exactly as an Ed25519 key
 * (RFC 9381 §5.5 refers to RFC 8032 §5.1.5): SHA-512 of the seed, the first half clamped is the
 * secret scalar x, the second half keys the nonce (§5.4.2.2), and Y = x·B.
 *
 * <p>A consensus engine never holds its node's Ed25519 seed, only a {@link Signer}, so {@link
 * #derive} makes the seed from what the signer can give: the first 32 bytes of SHA-512 of the
 * node's Ed25519 signature over a fixed, domain-separated label. An honest signer's signature is
 * deterministic (RFC 8032 §5.1.6), so the key survives restarts and needs to be announced only
 * once; nobody else can compute it. A dishonest signer could make other signatures over the label
 * and so other keys — which is why the chain does not trust a key because of how it was made but
 * because it was registered, once and ahead of time (see {@link
 * io.consensio.pos.chain.VrfRegistry}).
 *
 * <p>Immutable and thread-safe.
 */
public final class VrfKeyPair {
  private static final byte[] SEED_LABEL =
      "consensio/pos/vrf-seed/ecvrf-edwards25519-sha512-tai/v1".getBytes(StandardCharsets.US_ASCII);

  private final Scalar x;
  private final byte[] noncePrefix;
  private final VrfPublicKey publicKey;

  private VrfKeyPair(Scalar x, byte[] noncePrefix, VrfPublicKey publicKey) {
    this.x = x;
    this.noncePrefix = noncePrefix;
    this.publicKey = publicKey;
  }

  /** The key pair of an RFC 8032 secret key (32-byte seed). */
  public static VrfKeyPair fromSeed(byte[] seed) {
    if (seed.length != 32) {
      throw new IllegalArgumentException("an ECVRF secret key is 32 bytes, got " + seed.length);
    }
    byte[] h = Ecvrf.sha512().digest(seed);
    byte[] scalar = Arrays.copyOf(h, 32);
    scalar[0] &= (byte) 248;
    scalar[31] &= 127;
    scalar[31] |= 64;
    // x mod q: Y = x·B and Γ = x·H are unchanged, as B and H (cofactor cleared) have order q.
    Scalar x = Scalar.fromBytesModOrder(scalar);
    VrfPublicKey publicKey = VrfPublicKey.of(Constants.ED25519_BASEPOINT_TABLE.multiply(x));
    return new VrfKeyPair(x, Arrays.copyOfRange(h, 32, 64), publicKey);
  }

  /** This node's VRF key pair, derived from its Ed25519 signer (see the class comment). */
  public static VrfKeyPair derive(Signer signer) {
    byte[] signature = signer.sign(SEED_LABEL).toBytes();
    MessageDigest sha512 = Ecvrf.sha512();
    return fromSeed(Arrays.copyOf(sha512.digest(signature), 32));
  }

  public VrfPublicKey publicKey() {
    return publicKey;
  }

  /** ECVRF_prove (RFC 9381 §5.1): the 80-byte proof π for {@code alpha}. */
  public byte[] prove(byte[] alpha) {
    return Ecvrf.prove(x, noncePrefix, publicKey, alpha);
  }

  /** β = ECVRF_proof_to_hash(ECVRF_prove(alpha)), computed without building the proof. */
  public byte[] output(byte[] alpha) {
    return Ecvrf.evaluate(x, publicKey, alpha).output();
  }

  /**
   * The VRF at {@code alpha}, with the proof built only on demand: a validator needs β in every
   * slot and π only in the slots it wins, and building π from this evaluation skips recomputing H
   * and Γ.
   */
  public Evaluation evaluate(byte[] alpha) {
    return new Evaluation(Ecvrf.evaluate(x, publicKey, alpha));
  }

  /** One evaluation of this key's VRF. Immutable. */
  public final class Evaluation {
    private final Ecvrf.Evaluation evaluation;

    private Evaluation(Ecvrf.Evaluation evaluation) {
      this.evaluation = evaluation;
    }

    /** β (64 bytes). */
    public byte[] output() {
      return evaluation.output();
    }

    /** π (80 bytes), the same as {@link VrfKeyPair#prove} gives. */
    public byte[] proof() {
      return Ecvrf.finishProof(x, noncePrefix, publicKey, evaluation);
    }
  }
}

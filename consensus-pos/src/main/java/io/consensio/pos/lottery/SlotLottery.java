package io.consensio.pos.lottery;

import io.consensio.api.codec.CanonicalWriter;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.types.Hash;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The private slot lottery of Ouroboros Praos (David, Gaži, Kiayias, Russell, EUROCRYPT 2018, §3,
 * "the leader selection process"): a validator evaluates a verifiable random function on (epoch
 * randomness, slot) — ECVRF-EDWARDS25519-SHA512-TAI of RFC 9381 (see {@link
 * io.consensio.pos.vrf.Ecvrf}) — and the first 32 bytes of the output β are its lottery value for
 * the slot. Only the key holder can compute β before the block appears, everyone can check it from
 * the 80-byte proof, and for one key and one slot exactly one β verifies (RFC 9381 §3.1, full
 * uniqueness), so a validator cannot try several tickets and keep the best.
 *
 * <p>That is why the VRF replaced the earlier ticket, the hash of the validator's Ed25519 signature
 * over (η, slot): RFC 8032 §5.1.6 derives the signature's nonce from the key and the message, but a
 * verifier cannot check that it did, and any nonce gives a valid signature, so a modified validator
 * could sign the same message many times and pick the signature whose hash wins.
 *
 * <p>Genesis validators draw a {@link #publicValue public ticket} until their registered VRF key is
 * in effect (see {@link io.consensio.pos.chain.VrfRegistry}): a hash everyone can compute, equally
 * unique, but predictable.
 *
 * <p>Threshold: Praos' φ_f(α) = 1 − (1 − f)^α, where α is the validator's share of the stake and f
 * the active-slot coefficient. It is used instead of a linear threshold (f·α) because it is the
 * only one with "independent aggregation": a validator's chance of winning does not change when it
 * splits its stake over several keys, and the chance that a slot is empty is exactly 1 − f whatever
 * the stake distribution.
 *
 * <p>The test is written as an exponential race. With u the lottery value read as a uniform number
 * in [0, 1), the validator is eligible when u < φ_f(α), i.e. when its <em>score</em> −ln(1 − u)/α
 * is below −ln(1 − f). Scores of independent validators are exponential variables with rates α_i,
 * so among the eligible ones the lowest score belongs to validator i with probability exactly
 * α_i/Σα. That is why contested slots are broken in favour of the lower score: the validator that
 * ends up owning a slot is then drawn exactly in proportion to stake.
 *
 * <p>Deterministic: all arithmetic uses {@link StrictMath}, which gives bit-identical results on
 * every JVM, so every node reaches the same verdict. Immutable and thread-safe.
 */
public final class SlotLottery {
  private static final byte[] DOMAIN =
      "consensio/pos/lottery/v2".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] PUBLIC_DOMAIN =
      "consensio/pos/public-ticket/v1".getBytes(StandardCharsets.US_ASCII);
  private static final double TWO_POW_53 = 9007199254740992.0;

  private final double activeSlotCoefficient;
  private final double scoreThreshold;

  public SlotLottery(double activeSlotCoefficient) {
    if (!(activeSlotCoefficient > 0 && activeSlotCoefficient < 1)) {
      throw new IllegalArgumentException("f must be in (0, 1), got " + activeSlotCoefficient);
    }
    this.activeSlotCoefficient = activeSlotCoefficient;
    this.scoreThreshold = -StrictMath.log1p(-activeSlotCoefficient);
  }

  public double activeSlotCoefficient() {
    return activeSlotCoefficient;
  }

  /**
   * The VRF input α of {@code validator}'s ticket for {@code slot}. It names the validator so that
   * a proof is not transferable: someone who registers another validator's VRF public key as its
   * own gains nothing, since a proof for that validator's α does not verify for its own.
   */
  public static byte[] message(Hash epochRandomness, long slot, PublicKey validator) {
    CanonicalWriter w = new CanonicalWriter(112);
    w.writeFixed(DOMAIN);
    epochRandomness.write(w);
    w.writeLong(slot);
    validator.write(w);
    return w.toByteArray();
  }

  /** The lottery value of a VRF output β (64 uniform bytes): its first 32 bytes. */
  public static Hash vrfValue(byte[] beta) {
    return Hash.wrap(Arrays.copyOf(beta, Hash.SIZE));
  }

  /**
   * The public (bootstrap) ticket of {@code validator} for {@code slot}: SHA-256 of (domain, η,
   * slot, validator key). Nobody can choose it, as long as the key was fixed before η was known.
   */
  public static Hash publicValue(Hash epochRandomness, long slot, PublicKey validator) {
    CanonicalWriter w = new CanonicalWriter(112);
    w.writeFixed(PUBLIC_DOMAIN);
    epochRandomness.write(w);
    w.writeLong(slot);
    validator.write(w);
    return Hash.sha256(w.toByteArray());
  }

  /** The value read as a uniform number in [0, 1) from its first 53 bits. */
  public static double uniform(Hash value) {
    return (value.prefixAsLong() >>> 11) / TWO_POW_53;
  }

  /**
   * The exponential-race score −ln(1 − u)/α for stake share {@code alpha}; infinite without stake.
   */
  public static double score(Hash value, double alpha) {
    if (!(alpha > 0)) {
      return Double.POSITIVE_INFINITY;
    }
    return -StrictMath.log1p(-uniform(value)) / alpha;
  }

  /** Whether a ticket with this score wins its slot: u < 1 − (1 − f)^α. */
  public boolean isEligible(double score) {
    return score < scoreThreshold;
  }

  /** φ_f(α): the probability that a validator with stake share α is eligible in a given slot. */
  public double winProbability(double alpha) {
    return -StrictMath.expm1(alpha * StrictMath.log1p(-activeSlotCoefficient));
  }
}

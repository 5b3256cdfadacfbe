package io.consensio.pos.lottery;

import io.consensio.api.codec.CanonicalWriter;
import io.consensio.api.crypto.Signature;
import io.consensio.api.types.Hash;
import java.nio.charset.StandardCharsets;

/**
 * The private slot lottery of Ouroboros Praos (David, Gaži, Kiayias, Russell, EUROCRYPT 2018, §3,
 * "the leader selection process"), with a deterministic Ed25519 signature in place of the VRF: a
 * validator signs (epoch randomness, slot); since Ed25519 (RFC 8032 §5.1.6) derives its nonce from
 * the key and the message, the signature is unique for the pair, unpredictable to others and
 * verifiable by everyone, and SHA-256 of it is the validator's lottery value for the slot.
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
      "consensio/pos/lottery/v1".getBytes(StandardCharsets.US_ASCII);
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

  /** The bytes a validator signs to draw its ticket for {@code slot}. */
  public static byte[] message(Hash epochRandomness, long slot) {
    CanonicalWriter w = new CanonicalWriter(72);
    w.writeFixed(DOMAIN);
    epochRandomness.write(w);
    w.writeLong(slot);
    return w.toByteArray();
  }

  /** The lottery value: SHA-256 of the (deterministic) lottery signature. */
  public static Hash value(Signature lotterySignature) {
    return Hash.sha256(lotterySignature.toBytes());
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

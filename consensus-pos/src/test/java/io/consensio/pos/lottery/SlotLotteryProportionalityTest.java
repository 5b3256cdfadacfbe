package io.consensio.pos.lottery;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.crypto.Ed25519KeyPair;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.types.Hash;
import io.consensio.pos.vrf.Ecvrf;
import io.consensio.pos.vrf.VrfKeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The slot lottery selects slot owners in proportion to stake, with real RFC 9381 VRF tickets: over
 * 10,000 slots, the owner of each non-empty slot (the eligible validator with the lowest score,
 * which is how fork choice settles contested slots) is tallied per validator, and Pearson's
 * chi-square test does not reject the stake distribution at the 1% level. Keys and randomness come
 * from a fixed seed, so the test is deterministic.
 */
class SlotLotteryProportionalityTest {
  private static final long[] STAKES = {1_000, 2_000, 3_000, 4_000};
  private static final int SLOTS = 10_000;

  /** Chi-square critical value for 3 degrees of freedom at the 1% level (standard table). */
  private static final double CHI_SQUARE_3_DF_1_PERCENT = 11.345;

  private static final double F = 0.5;

  private record Draw(long[] owners, long nonEmpty, long[] eligible) {}

  /** One deterministic draw of 40,000 tickets, shared by the tests (the VRF is the cost). */
  private static Draw shared;

  private static synchronized Draw draw(double f) {
    if (f != F) {
      throw new IllegalArgumentException("the shared draw uses f = " + F);
    }
    if (shared == null) {
      shared = drawFresh(f);
    }
    return shared;
  }

  private static Draw drawFresh(double f) {
    Random seeded = new Random(20_240_601L);
    List<VrfKeyPair> keys = new ArrayList<>();
    List<PublicKey> validators = new ArrayList<>();
    for (int i = 0; i < STAKES.length; i++) {
      byte[] seed = new byte[32];
      seeded.nextBytes(seed);
      Ed25519KeyPair identity = Ed25519KeyPair.fromSeed(seed);
      validators.add(identity.publicKey());
      keys.add(VrfKeyPair.derive(identity));
    }
    byte[] eta = new byte[32];
    seeded.nextBytes(eta);
    Hash randomness = Hash.wrap(eta);
    long total = 0;
    for (long stake : STAKES) {
      total += stake;
    }
    SlotLottery lottery = new SlotLottery(f);
    long[] owners = new long[STAKES.length];
    long[] eligible = new long[STAKES.length];
    long nonEmpty = 0;
    for (long slot = 1; slot <= SLOTS; slot++) {
      int best = -1;
      double bestScore = Double.POSITIVE_INFINITY;
      for (int i = 0; i < keys.size(); i++) {
        byte[] message = SlotLottery.message(randomness, slot, validators.get(i));
        byte[] beta = keys.get(i).output(message);
        if (slot == 1) {
          byte[] proof = keys.get(i).prove(message);
          assertThat(Ecvrf.verify(keys.get(i).publicKey(), message, proof))
              .hasValueSatisfying(verified -> assertThat(verified).isEqualTo(beta));
        }
        double score = SlotLottery.score(SlotLottery.vrfValue(beta), STAKES[i] / (double) total);
        if (lottery.isEligible(score)) {
          eligible[i]++;
          if (score < bestScore) {
            bestScore = score;
            best = i;
          }
        }
      }
      if (best >= 0) {
        owners[best]++;
        nonEmpty++;
      }
    }
    return new Draw(owners, nonEmpty, eligible);
  }

  @Test
  void slotOwnersFollowTheStakeDistributionByChiSquareAtOnePercent() {
    Draw draw = draw(0.5);
    long total = 0;
    for (long stake : STAKES) {
      total += stake;
    }
    double chiSquare = 0;
    for (int i = 0; i < STAKES.length; i++) {
      double expected = draw.nonEmpty() * (STAKES[i] / (double) total);
      double diff = draw.owners()[i] - expected;
      chiSquare += diff * diff / expected;
    }
    assertThat(draw.nonEmpty()).isGreaterThan(SLOTS / 3);
    assertThat(chiSquare).isLessThan(CHI_SQUARE_3_DF_1_PERCENT);
  }

  @Test
  void theShareOfNonEmptySlotsIsTheActiveSlotCoefficient() {
    double f = 0.5;
    Draw draw = draw(f);
    // Binomial(10,000, f): four standard deviations either side.
    double sigma = Math.sqrt(SLOTS * f * (1 - f));
    assertThat((double) draw.nonEmpty()).isBetween(SLOTS * f - 4 * sigma, SLOTS * f + 4 * sigma);
  }

  @Test
  void eachValidatorWinsWithPraosProbabilityOneMinusOneMinusFToTheAlpha() {
    double f = 0.5;
    Draw draw = draw(f);
    SlotLottery lottery = new SlotLottery(f);
    long total = 0;
    for (long stake : STAKES) {
      total += stake;
    }
    for (int i = 0; i < STAKES.length; i++) {
      double p = lottery.winProbability(STAKES[i] / (double) total);
      double sigma = Math.sqrt(SLOTS * p * (1 - p));
      assertThat((double) draw.eligible()[i])
          .as("validator %d with stake %d", i, STAKES[i])
          .isBetween(SLOTS * p - 4 * sigma, SLOTS * p + 4 * sigma);
    }
  }

  @Test
  void noStakeNeverWins() {
    Hash value = Hash.sha256(new byte[] {1});
    assertThat(new SlotLottery(0.9).isEligible(SlotLottery.score(value, 0))).isFalse();
  }

  @Test
  void splittingStakeDoesNotChangeTheChanceOfWinning() {
    SlotLottery lottery = new SlotLottery(0.3);
    double whole = lottery.winProbability(0.4);
    double halves = 1 - Math.pow(1 - lottery.winProbability(0.2), 2);
    assertThat(halves).isCloseTo(whole, org.assertj.core.data.Offset.offset(1e-12));
  }
}

package io.consensio.pow.difficulty;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.pow.target.CompactTarget;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class DifficultyRulesTest {
  static final BigInteger EASY_LIMIT = CompactTarget.decode(0x207fffff).value();
  static final int BITS = 0x1f00ffff;
  static final BigInteger TARGET = CompactTarget.decode(BITS).value();

  /** A chain of {@code blocks + 1} blocks (genesis included) spaced {@code spacing} apart. */
  static ListHistory evenlySpaced(int blocks, long spacing, int bits) {
    List<Long> times = new ArrayList<>();
    for (int i = 0; i <= blocks; i++) {
      times.add(i * spacing);
    }
    return new ListHistory(times, new ArrayList<>(Collections.nCopies(blocks + 1, bits)));
  }

  static BigInteger target(int bits) {
    return CompactTarget.decode(bits).value();
  }

  @Test
  void bitcoinKeepsTheTargetInsideAPeriod() {
    BitcoinRetarget rule = new BitcoinRetarget(10, 1_000, EASY_LIMIT);
    assertThat(rule.nextBits(evenlySpaced(5, 50, BITS))).isEqualTo(BITS);
    assertThat(rule.nextBits(evenlySpaced(10, 50, BITS))).isEqualTo(BITS); // block 11: mid-period
  }

  @Test
  void bitcoinScalesByActualOverExpectedTimespanAtTheBoundary() {
    BitcoinRetarget rule = new BitcoinRetarget(10, 1_000, EASY_LIMIT);
    // Tip 9, next 10 is a boundary; first of period = 0. 9 intervals of 2 s = 18 s against 10 s.
    int next = rule.nextBits(evenlySpaced(9, 2_000, BITS));
    BigInteger expected =
        TARGET.multiply(BigInteger.valueOf(18_000)).divide(BigInteger.valueOf(10_000));
    assertThat(next).isEqualTo(CompactTarget.encode(expected));
  }

  @Test
  void bitcoinClampsAtFourTimesEasierAndFourTimesHarder() {
    BitcoinRetarget rule = new BitcoinRetarget(10, 1_000, EASY_LIMIT);
    int slow = rule.nextBits(evenlySpaced(9, 1_000_000, BITS));
    assertThat(target(slow)).isEqualTo(target(CompactTarget.encode(TARGET.shiftLeft(2))));
    int fast = rule.nextBits(evenlySpaced(9, 1, BITS));
    assertThat(target(fast)).isEqualTo(target(CompactTarget.encode(TARGET.shiftRight(2))));
  }

  @Test
  void bitcoinNeverGoesEasierThanThePowLimit() {
    BigInteger limit = TARGET.multiply(BigInteger.TWO);
    BitcoinRetarget rule = new BitcoinRetarget(10, 1_000, limit);
    int next = rule.nextBits(evenlySpaced(9, 1_000_000, BITS));
    assertThat(next).isEqualTo(CompactTarget.encode(limit));
  }

  @Test
  void lwmaUsesTheInitialTargetUntilTheWindowIsFull() {
    Lwma rule = new Lwma(20, 1_000, EASY_LIMIT, 0x1e0fffff);
    assertThat(rule.nextBits(evenlySpaced(19, 1_000, BITS))).isEqualTo(0x1e0fffff);
  }

  @Test
  void lwmaHoldsTheTargetWhenBlocksComeOnTime() {
    Lwma rule = new Lwma(20, 1_000, EASY_LIMIT, BITS);
    BigInteger next = target(rule.nextBits(evenlySpaced(40, 1_000, BITS)));
    assertThat(next).isEqualTo(target(CompactTarget.encode(TARGET)));
  }

  @Test
  void lwmaDoublesTheTargetWhenBlocksTakeTwiceAsLong() {
    Lwma rule = new Lwma(20, 1_000, EASY_LIMIT, BITS);
    BigInteger next = target(rule.nextBits(evenlySpaced(40, 2_000, BITS)));
    assertThat(next).isEqualTo(target(CompactTarget.encode(TARGET.shiftLeft(1))));
  }

  @Test
  void lwmaWeightsRecentBlocksMore() {
    Lwma rule = new Lwma(20, 1_000, EASY_LIMIT, BITS);
    ListHistory slowRecently = evenlySpaced(40, 1_000, BITS);
    ListHistory slowLongAgo = evenlySpaced(40, 1_000, BITS);
    // One 5 s block: at the newest position in one chain, the oldest of the window in the other.
    shiftFrom(slowRecently, 40, 4_000);
    shiftFrom(slowLongAgo, 21, 4_000);
    assertThat(target(rule.nextBits(slowRecently)))
        .isGreaterThan(target(rule.nextBits(slowLongAgo)));
  }

  @Test
  void lwmaCapsASolveTimeAtSixIntervalsAndTreatsBackwardTimeAsOneUnit() {
    Lwma rule = new Lwma(20, 1_000, EASY_LIMIT, BITS);
    ListHistory huge = evenlySpaced(40, 1_000, BITS);
    ListHistory capped = evenlySpaced(40, 1_000, BITS);
    shiftFrom(huge, 40, 1_000_000);
    shiftFrom(capped, 40, 5_000); // 6 s solve time: exactly the cap
    assertThat(rule.nextBits(huge)).isEqualTo(rule.nextBits(capped));

    ListHistory backwards = evenlySpaced(40, 1_000, BITS);
    backwards.times().set(40, backwards.times().get(39) - 10_000);
    BigInteger next = target(rule.nextBits(backwards));
    assertThat(next).isLessThan(TARGET).isPositive();
  }

  @Test
  void medianTimePastIsTheMedianOfTheLastElevenTimes() {
    List<Long> times = new ArrayList<>(List.of(0L, 5L, 1L, 9L, 3L, 7L, 2L, 8L, 4L, 6L, 10L, 100L));
    ListHistory history = new ListHistory(times, Collections.nCopies(times.size(), BITS));
    // Heights 1..11: 5,1,9,3,7,2,8,4,6,10,100 -> sorted median 6.
    assertThat(MedianTimePast.of(history)).isEqualTo(6);
    ListHistory short3 = new ListHistory(List.of(0L, 30L, 20L), List.of(BITS, BITS, BITS));
    assertThat(MedianTimePast.of(short3)).isEqualTo(20);
  }

  private static void shiftFrom(ListHistory history, int height, long delta) {
    for (int h = height; h < history.times().size(); h++) {
      history.times().set(h, history.times().get(h) + delta);
    }
  }
}

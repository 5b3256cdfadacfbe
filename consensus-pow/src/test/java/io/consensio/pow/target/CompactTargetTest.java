package io.consensio.pow.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * The compact-encoding cases of Bitcoin Core's src/test/arith_uint256_tests.cpp
 * (bignum_SetCompact).
 */
class CompactTargetTest {
  private static void assertDecodes(
      int compact, String hexValue, boolean negative, boolean overflow, int reencoded) {
    CompactTarget.Decoded decoded = CompactTarget.decode(compact);
    assertThat(decoded.value())
        .as("value of %08x", compact)
        .isEqualTo(new BigInteger(hexValue, 16));
    assertThat(decoded.negative()).as("sign of %08x", compact).isEqualTo(negative);
    assertThat(decoded.overflow()).as("overflow of %08x", compact).isEqualTo(overflow);
    assertThat(CompactTarget.encode(decoded.value(), decoded.negative()))
        .as("GetCompact of %08x", compact)
        .isEqualTo(reencoded);
  }

  @Test
  void zeroMantissasDecodeToZeroWhateverTheSizeOrSign() {
    for (int compact :
        new int[] {
          0,
          0x00123456,
          0x01003456,
          0x02000056,
          0x03000000,
          0x04000000,
          0x00923456,
          0x01803456,
          0x02800056,
          0x03800000,
          0x04800000
        }) {
      assertDecodes(compact, "0", false, false, 0);
    }
  }

  @Test
  void coreVectorsRoundTrip() {
    assertDecodes(0x01123456, "12", false, false, 0x01120000);
    assertDecodes(0x01fedcba, "7e", true, false, 0x01fe0000);
    assertDecodes(0x02123456, "1234", false, false, 0x02123400);
    assertDecodes(0x03123456, "123456", false, false, 0x03123456);
    assertDecodes(0x04123456, "12345600", false, false, 0x04123456);
    assertDecodes(0x04923456, "12345600", true, false, 0x04923456);
    assertDecodes(0x05009234, "92340000", false, false, 0x05009234);
    assertDecodes(
        0x20123456,
        "1234560000000000000000000000000000000000000000000000000000000000",
        false,
        false,
        0x20123456);
  }

  @Test
  void aValueWhoseTopMantissaBitIsSetMovesAByteIntoTheExponent() {
    assertThat(CompactTarget.encode(BigInteger.valueOf(0x80))).isEqualTo(0x02008000);
  }

  @Test
  void oversizedExponentsOverflow() {
    assertThat(CompactTarget.decode(0xff123456).overflow()).isTrue();
    assertThat(CompactTarget.decode(0x23000001).overflow()).isTrue(); // 1 byte at size 35
    assertThat(CompactTarget.decode(0x22000001).overflow()).isFalse(); // 1 byte at size 34 fits
    assertThat(CompactTarget.decode(0x22000100).overflow()).isTrue(); // 2 bytes at size 34
    assertThat(CompactTarget.decode(0x21010000).overflow()).isTrue(); // 3 bytes at size 33
  }

  @Test
  void usableTargetsArePositiveInRangeAndNotAboveTheLimit() {
    BigInteger limit = CompactTarget.decode(0x1d00ffff).value();
    assertThat(CompactTarget.decode(0x1d00ffff).isUsableTarget(limit)).isTrue();
    assertThat(CompactTarget.decode(0x1d010000).isUsableTarget(limit)).isFalse();
    assertThat(CompactTarget.decode(0x1d80ffff).isUsableTarget(limit)).isFalse(); // negative
    assertThat(CompactTarget.decode(0).isUsableTarget(limit)).isFalse();
  }

  @Test
  void bitsForExpectedHashesGivesThatWork() {
    int bits = CompactTarget.bitsForExpectedHashes(4_096);
    BigInteger work = ChainWork.ofBits(bits);
    assertThat(work.longValue()).isBetween(4_096L, 4_097L);
  }

  @Test
  void littleEndianTargetMatchesTheHashComparison() {
    BigInteger target = CompactTarget.decode(0x1d00ffff).value();
    byte[] le = CompactTarget.toLittleEndian(target);
    assertThat(le[26]).isEqualTo((byte) 0xff);
    assertThat(le[27]).isEqualTo((byte) 0xff);
    assertThat(le[28]).isEqualTo((byte) 0x00);
  }

  @Test
  void workIsTwoTo256OverTargetPlusOneAndZeroForUnusableTargets() {
    BigInteger target =
        new BigInteger("00ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", 16);
    assertThat(ChainWork.ofTarget(target)).isEqualTo(BigInteger.valueOf(256));
    assertThat(ChainWork.ofBits(0x01fedcba)).isZero(); // negative
    assertThat(ChainWork.ofBits(0xff123456)).isZero(); // overflow
    assertThat(ChainWork.ofBits(0)).isZero();
  }
}

package io.consensio.pow.header;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.pow.difficulty.BitcoinRetarget;
import io.consensio.pow.difficulty.BlockHistory;
import io.consensio.pow.target.ChainWork;
import io.consensio.pow.target.CompactTarget;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Real Bitcoin mainnet headers (public chain data) hash, link and retarget exactly as in Bitcoin
 * Core. A header's proof of work is self-validating: each one below is checked against its own
 * target, so a mistyped header could not pass.
 */
class MainnetHeadersTest {
  static final String GENESIS =
      "0100000000000000000000000000000000000000000000000000000000000000000000003ba3edfd7a7b12b27ac72c3e67768f617fc81bc3888a51323a9fb8aa4b1e5e4a29ab5f49ffff001d1dac2b7c";
  static final String BLOCK_1 =
      "010000006fe28c0ab6f1b372c1a6a246ae63f74f931e8365e15a089c68d6190000000000982051fd1e4ba744bbbe680e1fee14677ba1a3c3540bf7b1cdb606e857233e0e61bc6649ffff001d01e36299";

  /** First block of the retarget period that ends at 556415. */
  static final String BLOCK_554400 =
      "00004020d3b2d7d61ad2d95ffbd556d9e00f07877423600a8da015000000000000000000d192743a2c190a7421f92fefe92505579d7b8eda568cacee13b25751ac704c669d83195cf41e371721bae3e7";

  static final String BLOCK_556415 =
      "00000020bc7d388bea14dab9caa937b909caecd6ece36e3c6589200000000000000000007c0900cf1a9b40411141859b98bf95fb9d414f49044e08acff21fa54506022a4e6492a5cf41e3717d2864679";

  /** A retarget boundary: 556416 = 276 × 2016. */
  static final String BLOCK_556416 =
      "00000020120b3264562d49df59c400a0f276448db2a9aa4bf6f4080000000000000000005cb4b52150fe7dec217b74db424e442ef8b24105c244ebaeb59f638db9c48ef3c94f2a5ca5183217b412a530";

  static final Map<String, String> DISPLAYED_HASHES =
      Map.of(
          GENESIS, "000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f",
          BLOCK_1, "00000000839a8e6886ab5951d76f411475428afc90947ee320161bbf18eb6048",
          BLOCK_554400, "000000000000000000043c0b1ba0e06f1569ff7cebca6a78a84f4025712067ae",
          BLOCK_556415, "00000000000000000008f4f64baaa9b28d4476f2a000c459df492d5664320b12",
          BLOCK_556416, "0000000000000000002a531985d49cdb5adcd1db0578845a233a3a2cfdefdf8f");

  static final BigInteger MAINNET_POW_LIMIT = CompactTarget.decode(0x1d00ffff).value();

  static PowHeader header(String hex) {
    return PowHeader.decode(HexFormat.of().parseHex(hex));
  }

  static boolean meetsOwnTarget(byte[] encoded) {
    PowHeader header = PowHeader.decode(encoded);
    CompactTarget.Decoded target = CompactTarget.decode(header.bits());
    return target.isUsableTarget(MAINNET_POW_LIMIT)
        && DoubleSha256.asNumber(DoubleSha256.hash(encoded)).compareTo(target.value()) <= 0;
  }

  @Test
  void everyHeaderHashesToItsKnownIdAndMeetsItsTarget() {
    DISPLAYED_HASHES.forEach(
        (hex, displayed) -> {
          PowHeader header = header(hex);
          assertThat(HexFormat.of().formatHex(header.encode())).isEqualTo(hex);
          assertThat(DoubleSha256.displayHex(header.hash())).isEqualTo(displayed);
          assertThat(meetsOwnTarget(header.encode())).as(displayed).isTrue();
        });
  }

  @Test
  void genesisFieldsDecodeAsInChainparams() {
    PowHeader genesis = header(GENESIS);
    assertThat(genesis.version()).isEqualTo(1);
    assertThat(genesis.time()).isEqualTo(1231006505L);
    assertThat(genesis.bits()).isEqualTo(0x1d00ffff);
    assertThat(genesis.nonce()).isEqualTo(2083236893L);
    assertThat(genesis.previousHash()).containsOnly(0);
  }

  @Test
  void eachHeaderNamesItsPredecessorsHash() {
    assertThat(header(BLOCK_1).previousHash()).isEqualTo(header(GENESIS).hash());
    assertThat(header(BLOCK_556416).previousHash()).isEqualTo(header(BLOCK_556415).hash());
  }

  @Test
  void flippingAnyOneBitBreaksTheProofOfWork() {
    for (String hex : DISPLAYED_HASHES.keySet()) {
      byte[] original = HexFormat.of().parseHex(hex);
      for (int bit = 0; bit < 80 * 8; bit += 7) {
        byte[] flipped = original.clone();
        flipped[bit / 8] ^= (byte) (1 << (bit % 8));
        assertThat(meetsOwnTarget(flipped)).as("bit %d of %s", bit, hex).isFalse();
      }
    }
  }

  @Test
  void theRetargetAtBlock556416ReproducesItsBits() {
    BitcoinRetarget mainnet = new BitcoinRetarget(2016, 600, MAINNET_POW_LIMIT);
    PowHeader first = header(BLOCK_554400);
    PowHeader last = header(BLOCK_556415);
    int expected = header(BLOCK_556416).bits();
    assertThat(expected).isEqualTo(0x173218a5);
    assertThat(mainnet.calculate(last.bits(), first.time(), last.time())).isEqualTo(expected);

    // Through the rule's own period logic: 556415 is the tip, 554400 the first of its period.
    BlockHistory history =
        new BlockHistory() {
          @Override
          public long tipHeight() {
            return 556_415;
          }

          @Override
          public long timeMillis(long height) {
            if (height == 554_400) {
              return first.time();
            }
            if (height == 556_415) {
              return last.time();
            }
            throw new AssertionError(
                "the Bitcoin rule reads only the period's ends, not " + height);
          }

          @Override
          public int bits(long height) {
            return last.bits();
          }
        };
    assertThat(mainnet.nextBits(history)).isEqualTo(expected);
  }

  @Test
  void genesisWorkIsTheKnownChainworkOfBlockZero() {
    // getblockheader of the genesis block reports chainwork 0x100010001.
    assertThat(ChainWork.ofBits(header(GENESIS).bits())).isEqualTo(new BigInteger("100010001", 16));
  }
}

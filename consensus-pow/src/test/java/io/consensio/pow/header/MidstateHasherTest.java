package io.consensio.pow.header;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.pow.mining.NonceSearch;
import io.consensio.pow.target.CompactTarget;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class MidstateHasherTest {
  static final List<String> MAINNET =
      List.of(
          MainnetHeadersTest.GENESIS,
          MainnetHeadersTest.BLOCK_1,
          MainnetHeadersTest.BLOCK_554400,
          MainnetHeadersTest.BLOCK_556415,
          MainnetHeadersTest.BLOCK_556416);

  /** Each mainnet header hashed at its own nonce, then random headers at random nonces. */
  static void assertEqualsPlainDoubleSha256(Function<byte[], NonceHasher> hasherOf) {
    byte[] out = new byte[32];
    for (String hex : MAINNET) {
      byte[] header = HexFormat.of().parseHex(hex);
      hasherOf.apply(header).hash(PowHeader.decode(header).nonce(), out);
      assertThat(out).as(hex).isEqualTo(DoubleSha256.hash(header));
    }
    Random random = new Random(7);
    for (int i = 0; i < 200; i++) {
      byte[] header = new byte[80];
      random.nextBytes(header);
      NonceHasher hasher = hasherOf.apply(header);
      for (int j = 0; j < 5; j++) {
        long nonce = random.nextLong() & PowHeader.MAX_UINT32;
        hasher.hash(nonce, out);
        byte[] plain = PowHeader.decode(header).withNonce(nonce).hash();
        assertThat(out).isEqualTo(plain);
      }
    }
  }

  @Test
  void thisJvmHashesThroughTheJdkCompressionFunction() {
    // The module's surefire configuration opens sun.security.provider, as a node's JVM should;
    // without it the tests below would check the fallback twice.
    assertThat(MidstateHasher.usesCompressionFunction()).isTrue();
  }

  @Test
  void theCompressionFunctionPathEqualsPlainDoubleSha256() {
    assertEqualsPlainDoubleSha256(IntrinsicCompressionMidstate::new);
  }

  @Test
  void theClonedDigestFallbackEqualsPlainDoubleSha256() {
    assertEqualsPlainDoubleSha256(ClonedDigestMidstate::new);
  }

  @Test
  void midstateHashEqualsPlainDoubleSha256ForRandomHeadersAndNonces() {
    assertEqualsPlainDoubleSha256(header -> new MidstateHasher(header)::hash);
  }

  @Test
  void theGenesisNonceGivesTheGenesisHash() {
    byte[] genesis = HexFormat.of().parseHex(MainnetHeadersTest.GENESIS);
    byte[] out = new byte[32];
    new MidstateHasher(genesis).hash(2083236893L, out);
    assertThat(DoubleSha256.displayHex(out))
        .isEqualTo("000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f");
  }

  @Test
  void aNonceSearchFindsTheGenesisNonceAndNothingEarlierInItsRange() {
    byte[] genesis = HexFormat.of().parseHex(MainnetHeadersTest.GENESIS);
    byte[] target = CompactTarget.toLittleEndian(CompactTarget.decode(0x1d00ffff).value());
    NonceSearch.Result result =
        new NonceSearch(genesis, 2083236893L - 5_000, 10_000, target).call();
    assertThat(result.found()).isTrue();
    assertThat(result.nonce()).isEqualTo(2083236893L);
    assertThat(result.tried()).isEqualTo(5_001);

    NonceSearch.Result miss = new NonceSearch(genesis, 0, 2_000, target).call();
    assertThat(miss.found()).isFalse();
    assertThat(miss.tried()).isEqualTo(2_000);
  }
}

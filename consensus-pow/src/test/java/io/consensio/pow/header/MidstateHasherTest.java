package io.consensio.pow.header;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.pow.mining.NonceSearch;
import io.consensio.pow.target.CompactTarget;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MidstateHasherTest {
  @Test
  void midstateHashEqualsPlainDoubleSha256ForRandomHeadersAndNonces() {
    Random random = new Random(7);
    byte[] out = new byte[32];
    for (int i = 0; i < 200; i++) {
      byte[] header = new byte[80];
      random.nextBytes(header);
      MidstateHasher hasher = new MidstateHasher(header);
      for (int j = 0; j < 5; j++) {
        long nonce = random.nextLong() & PowHeader.MAX_UINT32;
        hasher.hash(nonce, out);
        byte[] plain = PowHeader.decode(header).withNonce(nonce).hash();
        assertThat(out).isEqualTo(plain);
      }
    }
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

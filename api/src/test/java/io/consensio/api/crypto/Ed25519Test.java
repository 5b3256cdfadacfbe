package io.consensio.api.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Ed25519Test {
  @Test
  void matchesRfc8032TestVector1() {
    // RFC 8032 section 7.1, TEST 1 (empty message).
    Ed25519KeyPair key =
        Ed25519KeyPair.fromHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    assertThat(key.publicKey().toHex())
        .isEqualTo("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    Signature sig = key.sign(new byte[0]);
    assertThat(HexFormat.of().formatHex(sig.toBytes()))
        .isEqualTo(
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
    assertThat(Ed25519Verifier.INSTANCE.verify(key.publicKey(), new byte[0], sig)).isTrue();
  }

  @Test
  void aKeyThatIsNotACurvePointVerifiesNothing() {
    byte[] bad = new byte[32];
    bad[0] = 2; // y = 2 is not on the curve
    Ed25519KeyPair key = Ed25519KeyPair.fromSeed(new byte[32]);
    Signature sig = key.sign(new byte[] {1});
    assertThat(Ed25519Verifier.INSTANCE.verify(PublicKey.wrap(bad), new byte[] {1}, sig)).isFalse();
  }
}

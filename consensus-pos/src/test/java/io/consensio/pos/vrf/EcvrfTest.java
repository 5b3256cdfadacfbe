package io.consensio.pos.vrf;

import static org.assertj.core.api.Assertions.assertThat;

import cafe.cryptography.curve25519.CompressedEdwardsY;
import cafe.cryptography.curve25519.InvalidEncodingException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** ECVRF-EDWARDS25519-SHA512-TAI against RFC 9381 Appendix B.3, and its rejections. */
class EcvrfTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));

  /** RFC 9381 Appendix B.3, Examples 16, 17 and 18 (SK and PK are RFC 8032 §7.1's tests 1–3). */
  record Vector(String name, String sk, String pk, String alpha, String pi, String beta) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Vector> rfc9381AppendixB3() {
    return Stream.of(
        new Vector(
            "Example 16",
            "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
            "",
            "8657106690b5526245a92b003bb079ccd1a92130477671f6fc01ad16f26f723f"
                + "26f8a57ccaed74ee1b190bed1f479d97"
                + "27d2d0f9b005a6e456a35d4fb0daab1268a1b0db10836d9826a528ca76567805",
            "90cf1df3b703cce59e2a35b925d411164068269d7b2d29f3301c03dd757876ff"
                + "66b71dda49d2de59d03450451af026798e8f81cd2e333de5cdf4f3e140fdd8ae"),
        new Vector(
            "Example 17",
            "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
            "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
            "72",
            "f3141cd382dc42909d19ec5110469e4feae18300e94f304590abdced48aed593"
                + "3bf0864a62558b3ed7f2fea45c92a465"
                + "301b3bbf5e3e54ddf2d935be3b67926da3ef39226bbc355bdc9850112c8f4b02",
            "eb4440665d3891d668e7e0fcaf587f1b4bd7fbfe99d0eb2211ccec90496310eb"
                + "5e33821bc613efb94db5e5b54c70a848a0bef4553a41befc57663b56373a5031"),
        new Vector(
            "Example 18",
            "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
            "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
            "af82",
            "9bc0f79119cc5604bf02d23b4caede71393cedfbb191434dd016d30177ccbf80"
                + "96bb474e53895c362d8628ee9f9ea3c0"
                + "e52c7a5c691b6c18c9979866568add7a2d41b00b05081ed0f58ee5e31b3a970e",
            "645427e5d00c62a23fb703732fa5d892940935942101e456ecca7bb217c61c45"
                + "2118fec1219202a0edcf038bb6373241578be7217ba85a2687f7a0310b2df19f"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rfc9381AppendixB3")
  void proveMatchesTheRfcVector(Vector v) {
    VrfKeyPair keys = VrfKeyPair.fromSeed(HEX.parseHex(v.sk()));
    byte[] alpha = HEX.parseHex(v.alpha());

    assertThat(HEX.formatHex(keys.publicKey().toBytes())).isEqualTo(v.pk());
    assertThat(HEX.formatHex(keys.prove(alpha))).isEqualTo(v.pi());
    assertThat(HEX.formatHex(keys.output(alpha))).isEqualTo(v.beta());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rfc9381AppendixB3")
  void verifyAcceptsTheRfcProofAndYieldsItsBeta(Vector v) {
    VrfPublicKey pk = VrfPublicKey.decode(HEX.parseHex(v.pk())).orElseThrow();
    byte[] pi = HEX.parseHex(v.pi());

    assertThat(Ecvrf.verify(pk, HEX.parseHex(v.alpha()), pi))
        .map(HEX::formatHex)
        .hasValue(v.beta());
    assertThat(Ecvrf.proofToHash(pi)).map(HEX::formatHex).hasValue(v.beta());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rfc9381AppendixB3")
  void aBitFlipInAnyByteOfTheProofIsRejected(Vector v) {
    VrfPublicKey pk = VrfPublicKey.decode(HEX.parseHex(v.pk())).orElseThrow();
    byte[] alpha = HEX.parseHex(v.alpha());
    byte[] pi = HEX.parseHex(v.pi());
    for (int i = 0; i < pi.length; i++) {
      byte[] forged = pi.clone();
      forged[i] ^= (byte) (1 << (i % 8));
      assertThat(Ecvrf.verify(pk, alpha, forged)).as("byte %d altered", i).isEmpty();
    }
  }

  @Test
  void aProofDoesNotVerifyForAnotherAlphaOrAnotherKey() {
    Vector v16 = rfc9381AppendixB3().toList().get(0);
    Vector v17 = rfc9381AppendixB3().toList().get(1);
    VrfPublicKey pk16 = VrfPublicKey.decode(HEX.parseHex(v16.pk())).orElseThrow();
    VrfPublicKey pk17 = VrfPublicKey.decode(HEX.parseHex(v17.pk())).orElseThrow();
    byte[] pi16 = HEX.parseHex(v16.pi());

    assertThat(Ecvrf.verify(pk16, new byte[] {0}, pi16)).isEmpty();
    assertThat(Ecvrf.verify(pk16, HEX.parseHex(v17.alpha()), pi16)).isEmpty();
    assertThat(Ecvrf.verify(pk17, HEX.parseHex(v16.alpha()), pi16)).isEmpty();
  }

  @Test
  void proofsOfWrongLengthOrWithSAtLeastTheGroupOrderAreRejected() {
    Vector v = rfc9381AppendixB3().toList().get(0);
    VrfPublicKey pk = VrfPublicKey.decode(HEX.parseHex(v.pk())).orElseThrow();
    byte[] pi = HEX.parseHex(v.pi());
    assertThat(Ecvrf.verify(pk, new byte[0], Arrays.copyOf(pi, 79))).isEmpty();
    assertThat(Ecvrf.verify(pk, new byte[0], Arrays.copyOf(pi, 81))).isEmpty();

    // s + q is the same scalar modulo q, but a non-canonical encoding (RFC 9381 §5.4.4 step 9).
    BigInteger q =
        BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));
    BigInteger s = littleEndian(Arrays.copyOfRange(pi, 48, 80));
    byte[] malleated = pi.clone();
    System.arraycopy(toLittleEndian(s.add(q)), 0, malleated, 48, 32);
    assertThat(Ecvrf.verify(pk, new byte[0], malleated)).isEmpty();
    assertThat(Ecvrf.proofToHash(malleated)).isEmpty();
  }

  @Test
  void nonCanonicalPointEncodingsAreRejectedThoughTheLibraryAcceptsThem() throws Exception {
    int checked = 0;
    for (int y = 0; y < 19; y++) {
      byte[] canonical = toLittleEndian(BigInteger.valueOf(y));
      byte[] nonCanonical = toLittleEndian(BigInteger.valueOf(y).add(P));
      if (!decompresses(canonical)) {
        continue;
      }
      assertThat(decompresses(nonCanonical)).as("library decodes y + p for y = %d", y).isTrue();
      assertThat(Ecvrf.decodePoint(canonical)).isPresent();
      assertThat(Ecvrf.decodePoint(nonCanonical)).as("y + p for y = %d", y).isEmpty();
      checked++;
    }
    assertThat(checked).as("points with y < 19 exist (y = 0 and y = 1 at least)").isGreaterThan(1);

    // x = 0 with the sign bit set: RFC 8032 §5.1.3 step 4 rejects it.
    byte[] identityWithSignBit = new byte[32];
    identityWithSignBit[0] = 1;
    identityWithSignBit[31] = (byte) 0x80;
    assertThat(decompresses(identityWithSignBit)).isTrue();
    assertThat(Ecvrf.decodePoint(identityWithSignBit)).isEmpty();
    // ... and so for the other point with x = 0, y = p − 1 (of order 2).
    byte[] minusOneWithSignBit = toLittleEndian(P.subtract(BigInteger.ONE));
    assertThat(Ecvrf.decodePoint(minusOneWithSignBit)).isPresent();
    minusOneWithSignBit[31] |= (byte) 0x80;
    assertThat(decompresses(minusOneWithSignBit)).isTrue();
    assertThat(Ecvrf.decodePoint(minusOneWithSignBit)).isEmpty();
  }

  @Test
  void aProofWhoseGammaIsEncodedNonCanonicallyIsRejected() {
    Vector v = rfc9381AppendixB3().toList().get(0);
    VrfPublicKey pk = VrfPublicKey.decode(HEX.parseHex(v.pk())).orElseThrow();
    byte[] pi = HEX.parseHex(v.pi());
    byte[] forged = pi.clone();
    System.arraycopy(toLittleEndian(BigInteger.ONE.add(P)), 0, forged, 0, 32);
    assertThat(Ecvrf.verify(pk, new byte[0], forged)).isEmpty();
    assertThat(Ecvrf.proofToHash(forged)).isEmpty();
  }

  @Test
  void smallOrderAndNonCanonicalPublicKeysAreRejected() {
    byte[] identity = new byte[32];
    identity[0] = 1;
    assertThat(VrfPublicKey.decode(identity)).isEmpty();
    assertThat(VrfPublicKey.decode(toLittleEndian(BigInteger.ONE.add(P)))).isEmpty();
    assertThat(VrfPublicKey.decode(new byte[31])).isEmpty();
    Vector v = rfc9381AppendixB3().toList().get(2);
    assertThat(VrfPublicKey.decode(HEX.parseHex(v.pk()))).isPresent();
  }

  @Test
  void outputEqualsTheHashOfTheProofForManyInputs() {
    VrfKeyPair keys = VrfKeyPair.fromSeed(new byte[32]);
    for (int i = 0; i < 20; i++) {
      byte[] alpha = {(byte) i, 7};
      byte[] pi = keys.prove(alpha);
      assertThat(Ecvrf.verify(keys.publicKey(), alpha, pi))
          .hasValueSatisfying(beta -> assertThat(beta).isEqualTo(keys.output(alpha)));
    }
  }

  private static boolean decompresses(byte[] encoding) {
    try {
      new CompressedEdwardsY(encoding).decompress();
      return true;
    } catch (InvalidEncodingException e) {
      return false;
    }
  }

  private static BigInteger littleEndian(byte[] bytes) {
    byte[] be = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      be[i] = bytes[bytes.length - 1 - i];
    }
    return new BigInteger(1, be);
  }

  private static byte[] toLittleEndian(BigInteger value) {
    byte[] out = new byte[32];
    byte[] be = value.toByteArray();
    for (int i = 0; i < be.length && i < 33; i++) {
      int to = be.length - 1 - i;
      if (i < 32) {
        out[i] = be[to];
      }
    }
    return out;
  }
}

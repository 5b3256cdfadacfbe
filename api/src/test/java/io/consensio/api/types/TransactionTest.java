package io.consensio.api.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consensio.api.codec.DecodingException;
import io.consensio.api.crypto.Ed25519KeyPair;
import io.consensio.api.crypto.Ed25519Verifier;
import io.consensio.api.crypto.Signature;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransactionTest {
  private final Ed25519KeyPair alice = Ed25519KeyPair.fromSeed(seed(1));
  private final Ed25519KeyPair bob = Ed25519KeyPair.fromSeed(seed(2));

  static byte[] seed(int b) {
    byte[] s = new byte[32];
    Arrays.fill(s, (byte) b);
    return s;
  }

  @Test
  void everyPayloadKindRoundTripsThroughTheCanonicalEncoding() {
    List<TxPayload> payloads =
        List.of(
            new TxPayload.Transfer(bob.publicKey(), 10),
            new TxPayload.KvPut("k".getBytes(), "v".getBytes()),
            new TxPayload.Stake(5),
            new TxPayload.Unstake(3),
            new TxPayload.Vote(List.of(bob.publicKey(), alice.publicKey())),
            new TxPayload.RegisterCandidate(100));
    for (TxPayload payload : payloads) {
      Transaction tx = Transaction.sign(alice, 4, 1, payload);
      Transaction decoded = Transaction.decode(tx.encode());
      assertThat(decoded).isEqualTo(tx);
      assertThat(decoded.id()).isEqualTo(tx.id());
      assertThat(decoded.payload()).isEqualTo(payload);
      assertThat(decoded.hasValidSignature(Ed25519Verifier.INSTANCE)).isTrue();
      assertThat(tx.encode()).hasSize(tx.encodedSize());
    }
  }

  @Test
  void aSignatureFromAnotherKeyIsForged() {
    Transaction honest = Transaction.sign(alice, 0, 0, new TxPayload.Transfer(bob.publicKey(), 1));
    Transaction signedByBob =
        Transaction.sign(bob, 0, 0, new TxPayload.Transfer(bob.publicKey(), 1));
    Transaction forged =
        Transaction.of(alice.publicKey(), 0, 0, honest.payload(), signedByBob.signature());
    assertThat(forged.hasValidSignature(Ed25519Verifier.INSTANCE)).isFalse();
  }

  @Test
  void changingAnySignedFieldInvalidatesTheSignature() {
    Transaction tx = Transaction.sign(alice, 7, 2, new TxPayload.Transfer(bob.publicKey(), 50));
    Transaction otherAmount =
        Transaction.of(
            alice.publicKey(), 7, 2, new TxPayload.Transfer(bob.publicKey(), 51), tx.signature());
    Transaction otherNonce = Transaction.of(alice.publicKey(), 8, 2, tx.payload(), tx.signature());
    assertThat(otherAmount.hasValidSignature(Ed25519Verifier.INSTANCE)).isFalse();
    assertThat(otherNonce.hasValidSignature(Ed25519Verifier.INSTANCE)).isFalse();
  }

  @Test
  void aFlippedSignatureBitFailsVerification() {
    Transaction tx = Transaction.sign(alice, 0, 0, new TxPayload.Stake(1));
    byte[] sig = tx.signature().toBytes();
    sig[10] ^= 1;
    Transaction tampered =
        Transaction.of(alice.publicKey(), 0, 0, tx.payload(), Signature.wrap(sig));
    assertThat(tampered.hasValidSignature(Ed25519Verifier.INSTANCE)).isFalse();
  }

  @Test
  void malformedEncodingsAreRejectedClearly() {
    byte[] good = Transaction.sign(alice, 0, 0, new TxPayload.Stake(1)).encode();
    assertThatThrownBy(() -> Transaction.decode(Arrays.copyOf(good, good.length - 1)))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("truncated");
    assertThatThrownBy(() -> Transaction.decode(Arrays.copyOf(good, good.length + 3)))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("trailing");
    assertThatThrownBy(() -> Transaction.decode(new byte[Transaction.MAX_ENCODED_BYTES + 1]))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("exceeds");
    byte[] unknownTag = good.clone();
    unknownTag[32 + 8 + 8] = 99;
    assertThatThrownBy(() -> Transaction.decode(unknownTag))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("unknown transaction payload tag 99");
  }

  @Test
  void negativeAmountsAreRejectedOnDecode() {
    Transaction tx = Transaction.sign(alice, 0, 0, new TxPayload.Stake(1));
    byte[] bytes = tx.encode();
    // amount field follows sender(32) nonce(8) fee(8) tag(1)
    bytes[32 + 8 + 8 + 1] = (byte) 0x80;
    assertThatThrownBy(() -> Transaction.decode(bytes))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("amount must be positive");
  }
}

package io.consensio.runtime.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.crypto.Ed25519KeyPair;
import io.consensio.api.crypto.Ed25519Verifier;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.crypto.Signature;
import io.consensio.api.crypto.Verifier;
import io.consensio.api.types.Transaction;
import io.consensio.api.types.TxPayload;
import io.consensio.runtime.state.TestKeys;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RememberingVerifierTest {
  private final Ed25519KeyPair alice = TestKeys.key(1);
  private final Ed25519KeyPair bob = TestKeys.key(2);
  private final AtomicInteger realVerifications = new AtomicInteger();
  private final Verifier counting =
      (PublicKey key, byte[] message, Signature signature) -> {
        realVerifications.incrementAndGet();
        return Ed25519Verifier.INSTANCE.verify(key, message, signature);
      };
  private final RememberingVerifier verifier = new RememberingVerifier(counting, 1_000);

  @Test
  void aSignatureThatVerifiedIsNotVerifiedAgain() {
    byte[] message = "pay bob 5".getBytes();
    Signature signature = alice.sign(message);

    assertThat(verifier.verify(alice.publicKey(), message, signature)).isTrue();
    assertThat(verifier.verify(alice.publicKey(), message, signature)).isTrue();
    assertThat(verifier.verify(alice.publicKey(), message, signature)).isTrue();

    assertThat(realVerifications).hasValue(1);
    assertThat(verifier.verified()).isEqualTo(1);
    assertThat(verifier.repeats()).isEqualTo(2);
  }

  @Test
  void aForgedVariantOfARememberedSignatureIsStillRefused() {
    byte[] message = "pay bob 5".getBytes();
    Signature signature = alice.sign(message);
    assertThat(verifier.verify(alice.publicKey(), message, signature)).isTrue();

    byte[] flipped = signature.toBytes();
    flipped[63] ^= 1;
    assertThat(verifier.verify(alice.publicKey(), message, Signature.wrap(flipped))).isFalse();
    assertThat(verifier.verify(bob.publicKey(), message, signature)).as("another key").isFalse();
    assertThat(verifier.verify(alice.publicKey(), "pay bob 6".getBytes(), signature))
        .as("another message")
        .isFalse();
  }

  @Test
  void aBadSignatureIsVerifiedAndRefusedEveryTime() {
    byte[] message = "pay bob 5".getBytes();
    Signature forged = bob.sign(message);

    assertThat(verifier.verify(alice.publicKey(), message, forged)).isFalse();
    assertThat(verifier.verify(alice.publicKey(), message, forged)).isFalse();

    assertThat(realVerifications).hasValue(2);
    assertThat(verifier.repeats()).isZero();
  }

  @Test
  void theOldestAreForgottenBeyondCapacity() {
    RememberingVerifier small = new RememberingVerifier(counting, 2);
    byte[][] messages = {"a".getBytes(), "b".getBytes(), "c".getBytes()};
    for (byte[] m : messages) {
      assertThat(small.verify(alice.publicKey(), m, alice.sign(m))).isTrue();
    }
    realVerifications.set(0);
    assertThat(small.verify(alice.publicKey(), messages[0], alice.sign(messages[0]))).isTrue();
    assertThat(realVerifications).as("the first was forgotten").hasValue(1);
    assertThat(small.verify(alice.publicKey(), messages[2], alice.sign(messages[2]))).isTrue();
    assertThat(realVerifications).as("the last is remembered").hasValue(1);
  }

  /**
   * Transactions are remembered by their id (the digest of the signed body): a repeat is answered
   * from memory, but a changed signature or another body under the same signature is verified.
   */
  @Test
  void aTransactionIsRememberedByItsIdAndSignature() {
    Transaction tx =
        Transaction.sign(alice, 0, 1, new TxPayload.KvPut(new byte[] {1}, new byte[] {2}));
    assertThat(tx.hasValidSignature(verifier)).isTrue();
    assertThat(tx.hasValidSignature(verifier)).isTrue();
    assertThat(realVerifications).hasValue(1);

    byte[] flipped = tx.signature().toBytes();
    flipped[0] ^= 1;
    Transaction forged = Transaction.of(tx.sender(), 0, 1, tx.payload(), Signature.wrap(flipped));
    assertThat(forged.id()).isEqualTo(tx.id());
    assertThat(forged.hasValidSignature(verifier)).isFalse();
    Transaction otherBody = Transaction.of(tx.sender(), 1, 1, tx.payload(), tx.signature());
    assertThat(otherBody.hasValidSignature(verifier)).isFalse();
    assertThat(realVerifications).hasValue(3);
  }
}

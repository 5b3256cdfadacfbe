package io.consensio.runtime.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.crypto.Ed25519KeyPair;
import io.consensio.api.crypto.Ed25519Verifier;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.crypto.Signature;
import io.consensio.api.crypto.Verifier;
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
}

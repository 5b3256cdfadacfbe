package io.consensio.pos.vrf;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The memo answers only for exactly the inputs it verified or was told, and stays bounded. */
class VerifiedProofsTest {
  private final VrfKeyPair keys = VrfKeyPair.fromSeed(new byte[32]);
  private final byte[] alpha = {1, 2, 3};
  private final byte[] pi = keys.prove(alpha);

  @Test
  void aValidProofIsVerifiedAndAnsweredAgainWithTheSameOutput() {
    VerifiedProofs proofs = new VerifiedProofs(4);
    assertThat(proofs.verify(keys.publicKey(), alpha, pi))
        .hasValueSatisfying(beta -> assertThat(beta).isEqualTo(keys.output(alpha)));
    assertThat(proofs.verify(keys.publicKey(), alpha, pi))
        .hasValueSatisfying(beta -> assertThat(beta).isEqualTo(keys.output(alpha)));
  }

  @Test
  void aKnownProofDoesNotVouchForAnotherInputOrKeyOrAlteredProof() {
    VerifiedProofs proofs = new VerifiedProofs(4);
    proofs.remember(keys.publicKey(), alpha, pi, keys.output(alpha));
    VrfKeyPair other =
        VrfKeyPair.fromSeed(
            new byte[] {
              1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
              0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
            });
    byte[] altered = pi.clone();
    altered[50] ^= 4;
    assertThat(proofs.verify(keys.publicKey(), new byte[] {1, 2}, pi)).isEmpty();
    assertThat(proofs.verify(other.publicKey(), alpha, pi)).isEmpty();
    assertThat(proofs.verify(keys.publicKey(), alpha, altered)).isEmpty();
  }

  @Test
  void aRememberedProofIsAnsweredWithoutVerificationAndOldEntriesAreEvicted() {
    VerifiedProofs proofs = new VerifiedProofs(1);
    byte[] claimed = new byte[64];
    claimed[0] = 9;
    // What the node recorded for its own proof is what it gets back: no verification is run.
    proofs.remember(keys.publicKey(), alpha, pi, claimed);
    assertThat(proofs.verify(keys.publicKey(), alpha, pi))
        .hasValueSatisfying(beta -> assertThat(beta).isEqualTo(claimed));
    byte[] otherAlpha = {4};
    proofs.verify(keys.publicKey(), otherAlpha, keys.prove(otherAlpha));
    assertThat(proofs.verify(keys.publicKey(), alpha, pi))
        .as("evicted, so verified afresh")
        .hasValueSatisfying(beta -> assertThat(beta).isEqualTo(keys.output(alpha)));
  }
}

package io.consensio.pos.vrf;

import static org.assertj.core.api.Assertions.assertThat;

import cafe.cryptography.curve25519.Constants;
import cafe.cryptography.curve25519.EdwardsPoint;
import cafe.cryptography.curve25519.Scalar;
import io.consensio.api.crypto.Ed25519KeyPair;
import io.consensio.api.crypto.Ed25519Verifier;
import io.consensio.api.crypto.Signature;
import io.consensio.api.types.Hash;
import io.consensio.pos.lottery.SlotLottery;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Why the lottery ticket is a VRF output and not the hash of an Ed25519 signature: a modified
 * validator that picks its own nonces gets many valid signatures over one (η, slot), hence many
 * tickets to choose from, but many valid VRF proofs that all carry one and the same output.
 */
class LotteryGrindingTest {
  private static final byte[] SEED = seed(7);
  private static final byte[] ALPHA =
      SlotLottery.message(
          Hash.sha256(new byte[] {1}), 42, Ed25519KeyPair.fromSeed(seed(7)).publicKey());

  @Test
  void aValidatorChoosingItsOwnNoncesGetsManyValidVrfProofsButOneLotteryValue() {
    VrfKeyPair keys = VrfKeyPair.fromSeed(SEED);
    Scalar x = secretScalar(SEED);
    Random grinder = new Random(1);
    Set<String> proofs = new HashSet<>();
    Set<Hash> values = new HashSet<>();
    for (int attempt = 0; attempt < 16; attempt++) {
      byte[] chosenNonceKey = new byte[32];
      grinder.nextBytes(chosenNonceKey);
      byte[] pi = Ecvrf.prove(x, chosenNonceKey, keys.publicKey(), ALPHA);
      byte[] beta = Ecvrf.verify(keys.publicKey(), ALPHA, pi).orElseThrow();
      proofs.add(Arrays.toString(pi));
      values.add(SlotLottery.vrfValue(beta));
    }
    assertThat(proofs).as("every nonce gives another valid proof").hasSize(16);
    assertThat(values)
        .as("but all carry the one output of the key for this slot")
        .containsExactly(SlotLottery.vrfValue(keys.output(ALPHA)));
  }

  @Test
  void aProofWithAnyOtherGammaDoesNotVerifyEvenWithItsOwnConsistentChallenge() {
    VrfKeyPair keys = VrfKeyPair.fromSeed(SEED);
    Scalar x = secretScalar(SEED);
    // The prover claims Γ' = (x + 1)·H and builds c and s for x + 1: the proof is internally
    // consistent, but U = s·B − c·Y no longer equals k·B, so the challenge does not match.
    Scalar xPlusOne = x.add(Scalar.ONE);
    byte[] forged = Ecvrf.prove(xPlusOne, new byte[32], keys.publicKey(), ALPHA);
    assertThat(Ecvrf.proofToHash(forged).orElseThrow()).isNotEqualTo(keys.output(ALPHA));
    assertThat(Ecvrf.verify(keys.publicKey(), ALPHA, forged)).isEmpty();
  }

  @Test
  void theOldTicketCouldBeGroundAValidEd25519SignatureForEveryNonce() {
    Ed25519KeyPair honest = Ed25519KeyPair.fromSeed(SEED);
    Signature deterministic = honest.sign(ALPHA);
    Set<Hash> tickets = new HashSet<>();
    tickets.add(Hash.sha256(deterministic.toBytes()));
    for (int r = 1; r <= 8; r++) {
      Signature chosen = signWithNonce(SEED, ALPHA, Scalar.fromBytesModOrder(seed(r)));
      assertThat(Ed25519Verifier.INSTANCE.verify(honest.publicKey(), ALPHA, chosen))
          .as("a signature with nonce %d verifies", r)
          .isTrue();
      tickets.add(Hash.sha256(chosen.toBytes()));
    }
    assertThat(tickets).as("nine different tickets for one (η, slot)").hasSize(9);
  }

  /** An Ed25519 signature (RFC 8032 §5.1.6) with a nonce r of the signer's choosing. */
  private static Signature signWithNonce(byte[] seed, byte[] message, Scalar r) {
    Scalar a = secretScalar(seed);
    byte[] publicKey = Constants.ED25519_BASEPOINT_TABLE.multiply(a).compress().toByteArray();
    EdwardsPoint rPoint = Constants.ED25519_BASEPOINT_TABLE.multiply(r);
    byte[] rBytes = rPoint.compress().toByteArray();
    MessageDigest sha512 = Ecvrf.sha512();
    sha512.update(rBytes);
    sha512.update(publicKey);
    sha512.update(message);
    Scalar k = Scalar.fromBytesModOrderWide(sha512.digest());
    byte[] s = r.add(k.multiply(a)).toByteArray();
    byte[] signature = new byte[64];
    System.arraycopy(rBytes, 0, signature, 0, 32);
    System.arraycopy(s, 0, signature, 32, 32);
    return Signature.wrap(signature);
  }

  /** The clamped secret scalar of an RFC 8032 seed, reduced modulo the group order. */
  private static Scalar secretScalar(byte[] seed) {
    byte[] h = Ecvrf.sha512().digest(seed);
    byte[] scalar = Arrays.copyOf(h, 32);
    scalar[0] &= (byte) 248;
    scalar[31] &= 127;
    scalar[31] |= 64;
    return Scalar.fromBytesModOrder(scalar);
  }

  private static byte[] seed(int n) {
    byte[] seed = new byte[32];
    seed[0] = (byte) n;
    seed[31] = 9;
    return seed;
  }
}

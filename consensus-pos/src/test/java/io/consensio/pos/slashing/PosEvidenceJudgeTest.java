package io.consensio.pos.slashing;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.crypto.Ed25519KeyPair;
import io.consensio.api.crypto.Ed25519Verifier;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.ledger.Account;
import io.consensio.api.ledger.EvidenceVerdict;
import io.consensio.api.ledger.LedgerState;
import io.consensio.api.types.Hash;
import io.consensio.pos.FixedLedgerState;
import io.consensio.pos.finality.Checkpoint;
import io.consensio.pos.finality.Vote;
import io.consensio.pos.seal.PosSeal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every verdict of the ledger's proof-of-stake evidence judge. */
class PosEvidenceJudgeTest {
  private final PosEvidenceJudge judge = new PosEvidenceJudge();
  private final Ed25519KeyPair alice = key(1);
  private final Ed25519KeyPair bob = key(2);
  private final Ed25519KeyPair nobody = key(3);
  private final Hash first = Hash.sha256(new byte[] {1});
  private final Hash second = Hash.sha256(new byte[] {2});
  // alice stakes; bob's stake is all unbonding (still slashable); nobody has nothing at stake.
  private final LedgerState state =
      state(
          Map.of(
              alice.publicKey(), new Account(10, 0, 1_000, 0, 0),
              bob.publicKey(), new Account(10, 0, 0, 1_000, 50)));

  private static Ed25519KeyPair key(int n) {
    byte[] seed = new byte[32];
    seed[31] = (byte) n;
    return Ed25519KeyPair.fromSeed(seed);
  }

  private EvidenceVerdict judge(Evidence evidence) {
    return judge.judge(evidence.encode(), state, 7, Ed25519Verifier.INSTANCE);
  }

  private Evidence doubleProposal(Ed25519KeyPair offender, Ed25519KeyPair secondSigner, Hash b) {
    return new Evidence.DoubleProposal(
        offender.publicKey(),
        4,
        first,
        offender.sign(PosSeal.blockSigningBytes(first, 4)),
        b,
        secondSigner.sign(PosSeal.blockSigningBytes(b, 4)));
  }

  private static Vote vote(Ed25519KeyPair key, long sourceEpoch, long targetEpoch, int block) {
    Checkpoint source = new Checkpoint(Hash.sha256(new byte[] {0}), sourceEpoch);
    Checkpoint target = new Checkpoint(Hash.sha256(new byte[] {(byte) block}), targetEpoch);
    return new Vote(key.publicKey(), source, target, key.sign(Vote.signingBytes(source, target)));
  }

  @Test
  void twoBlocksSignedForOneSlotConvictTheSigner() {
    assertThat(judge(doubleProposal(alice, alice, second)))
        .isEqualTo(EvidenceVerdict.guilty(alice.publicKey()));
  }

  @Test
  void stakeThatIsStillUnbondingIsSlashable() {
    assertThat(judge(doubleProposal(bob, bob, second)))
        .isEqualTo(EvidenceVerdict.guilty(bob.publicKey()));
  }

  @Test
  void aDoubleVoteAndASurroundVoteConvictTheVoter() {
    Evidence doubleVote = new Evidence.ConflictingVotes(vote(alice, 0, 2, 5), vote(alice, 0, 2, 6));
    Evidence surround = new Evidence.ConflictingVotes(vote(alice, 1, 2, 5), vote(alice, 0, 3, 6));
    assertThat(judge(doubleVote)).isEqualTo(EvidenceVerdict.guilty(alice.publicKey()));
    assertThat(judge(surround)).isEqualTo(EvidenceVerdict.guilty(alice.publicKey()));
  }

  @Test
  void aSignatureByAnotherKeyProvesNothing() {
    assertThat(judge(doubleProposal(alice, bob, second)).reason())
        .isEqualTo(PosEvidenceJudge.NO_OFFENCE);
    Vote forged = vote(bob, 0, 2, 6);
    Vote claimed =
        new Vote(alice.publicKey(), forged.source(), forged.target(), forged.signature());
    assertThat(judge(new Evidence.ConflictingVotes(vote(alice, 0, 2, 5), claimed)).reason())
        .isEqualTo(PosEvidenceJudge.NO_OFFENCE);
  }

  @Test
  void statementsThatDoNotConflictProveNothing() {
    assertThat(judge(doubleProposal(alice, alice, first)).reason())
        .as("the same block twice")
        .isEqualTo(PosEvidenceJudge.NO_OFFENCE);
    Evidence consecutive =
        new Evidence.ConflictingVotes(vote(alice, 0, 1, 5), vote(alice, 1, 2, 6));
    assertThat(judge(consecutive).reason()).isEqualTo(PosEvidenceJudge.NO_OFFENCE);
    Evidence twoVoters = new Evidence.ConflictingVotes(vote(alice, 0, 2, 5), vote(bob, 0, 2, 6));
    assertThat(judge(twoVoters).reason()).isEqualTo(PosEvidenceJudge.NO_OFFENCE);
  }

  @Test
  void anOffenderWithNothingAtStakeIsNotConvicted() {
    assertThat(judge(doubleProposal(nobody, nobody, second)).reason())
        .isEqualTo(PosEvidenceJudge.NOTHING_AT_STAKE);
  }

  @Test
  void malformedProofsAreRejectedWithoutThrowing() {
    byte[] valid = doubleProposal(alice, alice, second).encode();
    for (byte[] proof :
        List.of(
            new byte[] {9},
            new byte[] {1, 2, 3},
            java.util.Arrays.copyOf(valid, valid.length - 1),
            java.util.Arrays.copyOf(valid, valid.length + 1))) {
      assertThat(judge.judge(proof, state, 7, Ed25519Verifier.INSTANCE).reason())
          .isEqualTo(PosEvidenceJudge.MALFORMED);
    }
  }

  private static LedgerState state(Map<PublicKey, Account> accounts) {
    return FixedLedgerState.of(6, accounts);
  }
}

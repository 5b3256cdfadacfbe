package io.consensio.pos.finality;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.crypto.Ed25519KeyPair;
import io.consensio.api.crypto.Ed25519Verifier;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.types.Hash;
import io.consensio.pos.slashing.Evidence;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Casper FFG rules on a straight chain of checkpoint blocks c0 (genesis) .. c5, one per epoch, four
 * validators of equal stake.
 */
class FinalityGadgetTest {
  private final List<Ed25519KeyPair> keys = new ArrayList<>();
  private final List<Hash> blocks = new ArrayList<>();
  private final SortedMap<PublicKey, Long> stakes = new TreeMap<>();

  FinalityGadgetTest() {
    for (int i = 0; i < 4; i++) {
      byte[] seed = new byte[32];
      seed[0] = (byte) (i + 1);
      keys.add(Ed25519KeyPair.fromSeed(seed));
      stakes.put(keys.get(i).publicKey(), 100L);
    }
    for (int e = 0; e <= 5; e++) {
      blocks.add(Hash.sha256(new byte[] {(byte) e}));
    }
  }

  /** Block c_e sits in slot 10e - 1 (before epoch e's first slot, 10e), c0 in slot 0. */
  private final FinalityGadget.Oracle oracle =
      new FinalityGadget.Oracle() {
        public Optional<Long> slotOf(Hash block) {
          int e = blocks.indexOf(block);
          return e < 0 ? Optional.empty() : Optional.of(e == 0 ? 0L : 10L * e - 1);
        }

        public boolean isAncestorOrSelf(Hash ancestor, Hash descendant) {
          return blocks.indexOf(ancestor) <= blocks.indexOf(descendant);
        }

        public Optional<SortedMap<PublicKey, Long>> votingStakes(Checkpoint target) {
          return Optional.of(stakes);
        }

        public long firstSlotOf(long epoch) {
          return 10 * epoch;
        }
      };

  private Checkpoint cp(int epoch) {
    return new Checkpoint(blocks.get(epoch), epoch);
  }

  private Vote vote(int validator, Checkpoint source, Checkpoint target) {
    Ed25519KeyPair key = keys.get(validator);
    return new Vote(key.publicKey(), source, target, key.sign(Vote.signingBytes(source, target)));
  }

  private void votes(FinalityGadget gadget, int voters, int source, int target) {
    for (int v = 0; v < voters; v++) {
      gadget.pool().add(vote(v, cp(source), cp(target)));
    }
  }

  @Test
  void twoThirdsJustifyAndADirectChildLinkFinalizes() {
    FinalityGadget gadget = new FinalityGadget(oracle, cp(0), 16);
    votes(gadget, 3, 0, 1);
    assertThat(gadget.process()).as("c1 justified; c0 was already final").isEmpty();
    assertThat(gadget.isJustified(cp(1))).isTrue();
    votes(gadget, 3, 1, 2);
    assertThat(gadget.process()).contains(cp(1));
    assertThat(gadget.finalized()).isEqualTo(cp(1));
    assertThat(gadget.highestJustified()).isEqualTo(cp(2));
  }

  @Test
  void lessThanTwoThirdsJustifyNothing() {
    FinalityGadget gadget = new FinalityGadget(oracle, cp(0), 16);
    votes(gadget, 2, 0, 1);
    assertThat(gadget.process()).isEmpty();
    assertThat(gadget.isJustified(cp(1))).isFalse();
  }

  @Test
  void aLinkSkippingAnEpochJustifiesButDoesNotFinalizeItsSource() {
    FinalityGadget gadget = new FinalityGadget(oracle, cp(0), 16);
    votes(gadget, 3, 0, 1);
    votes(gadget, 4, 1, 3);
    assertThat(gadget.process()).isEmpty();
    assertThat(gadget.isJustified(cp(3))).isTrue();
    assertThat(gadget.finalized()).isEqualTo(cp(0));
  }

  @Test
  void votesFromAnUnjustifiedSourceDoNotCount() {
    FinalityGadget gadget = new FinalityGadget(oracle, cp(0), 16);
    votes(gadget, 4, 1, 2);
    assertThat(gadget.process()).isEmpty();
    assertThat(gadget.isJustified(cp(2))).isFalse();
    votes(gadget, 3, 0, 1); // votes arrive out of order: c1 justified now, then c2, finalizing c1
    assertThat(gadget.process()).contains(cp(1));
  }

  @Test
  void aPairWhoseBlockIsNotBeforeItsEpochIsNoCheckpoint() {
    FinalityGadget gadget = new FinalityGadget(oracle, cp(0), 16);
    Checkpoint bogus = new Checkpoint(blocks.get(3), 2); // c3 sits in slot 29, epoch 2 starts at 20
    for (int v = 0; v < 4; v++) {
      gadget.pool().add(vote(v, cp(0), bogus));
    }
    gadget.process();
    assertThat(gadget.isJustified(bogus)).isFalse();
  }

  @Test
  void aDoubleVoteAndASurroundVoteAreCaughtAsVerifiableEvidence() {
    VotePool pool = new VotePool();
    assertThat(pool.add(vote(0, cp(0), cp(2))).status()).isEqualTo(VotePool.Status.ADDED);
    assertThat(pool.add(vote(0, cp(0), cp(2))).status()).isEqualTo(VotePool.Status.DUPLICATE);
    Vote other =
        new Vote(
            keys.get(0).publicKey(),
            cp(1),
            new Checkpoint(blocks.get(5), 2),
            keys.get(0).sign(Vote.signingBytes(cp(1), new Checkpoint(blocks.get(5), 2))));
    VotePool.AddResult doubleVote = pool.add(other);
    assertThat(doubleVote.status()).isEqualTo(VotePool.Status.CONFLICT);
    assertThat(doubleVote.evidence().orElseThrow().isValid(Ed25519Verifier.INSTANCE)).isTrue();

    VotePool.AddResult surround = pool.add(vote(0, cp(1), cp(1 + 3))); // (0,2) vs (1,4): fine
    assertThat(surround.status()).isEqualTo(VotePool.Status.ADDED);
    VotePool.AddResult surrounding = pool.add(vote(0, cp(0), cp(5))); // (0,5) surrounds (1,4)
    assertThat(surrounding.status()).isEqualTo(VotePool.Status.CONFLICT);
    Evidence evidence = surrounding.evidence().orElseThrow();
    assertThat(evidence.isValid(Ed25519Verifier.INSTANCE)).isTrue();
    assertThat(Evidence.decode(evidence.encode())).isEqualTo(evidence);
  }

  @Test
  void evidenceWithAForgedSignatureIsInvalid() {
    Vote a = vote(0, cp(0), cp(2));
    Vote forged =
        new Vote(
            keys.get(0).publicKey(),
            cp(1),
            cp(2),
            keys.get(1).sign(Vote.signingBytes(cp(1), cp(2))));
    assertThat(new Evidence.ConflictingVotes(a, forged).isValid(Ed25519Verifier.INSTANCE))
        .isFalse();
    Vote b = vote(1, cp(1), cp(2));
    assertThat(new Evidence.ConflictingVotes(a, b).isValid(Ed25519Verifier.INSTANCE))
        .as("votes of two validators prove nothing")
        .isFalse();
  }
}

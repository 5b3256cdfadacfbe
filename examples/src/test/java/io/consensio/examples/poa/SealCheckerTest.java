package io.consensio.examples.poa;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.Member;
import io.consensio.api.Membership;
import io.consensio.api.crypto.Ed25519KeyPair;
import io.consensio.api.crypto.Ed25519Verifier;
import io.consensio.api.types.Block;
import io.consensio.api.types.BlockHeader;
import io.consensio.api.types.Hash;
import io.consensio.api.types.MerkleTree;
import io.consensio.api.types.NodeId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SealCheckerTest {
  private final List<Ed25519KeyPair> keys = new ArrayList<>();
  private final Membership membership;
  private final LeaderSchedule schedule;
  private final SealChecker checker;
  private final Block block;

  SealCheckerTest() {
    List<Member> members = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      byte[] seed = new byte[32];
      seed[0] = (byte) (i + 1);
      keys.add(Ed25519KeyPair.fromSeed(seed));
      members.add(new Member(NodeId.of("node-" + i), keys.get(i).publicKey()));
    }
    membership = new Membership(members);
    schedule = new LeaderSchedule(membership);
    checker = new SealChecker(membership, schedule, Ed25519Verifier.INSTANCE);
    block =
        new Block(
            new BlockHeader(
                5,
                Hash.ZERO,
                1,
                keys.get(0).publicKey(),
                MerkleTree.EMPTY_ROOT,
                Hash.ZERO,
                new byte[0]),
            List.of());
  }

  private Ed25519KeyPair keyOf(Member member) {
    return keys.get(Integer.parseInt(member.id().value().substring(5)));
  }

  private Block withVotes(int round, int... signers) {
    List<PoaSeal.Vote> votes = new ArrayList<>();
    for (int signer : signers) {
      byte[] signed = PoaSeal.acceptSigningBytes(block.height(), round, block.id());
      Ed25519KeyPair key = keyOf(membership.members().get(signer % membership.size()));
      votes.add(new PoaSeal.Vote(signer, key.sign(signed)));
    }
    return block.withSeal(PoaSeal.encode(new PoaSeal.Certificate(round, votes)));
  }

  @Test
  void aProposalSealMustBeSignedByThatRoundsLeader() {
    Member leader = schedule.leader(block.height(), 2);
    Member other = schedule.leader(block.height(), 3);
    byte[] signed = PoaSeal.proposalSigningBytes(block.height(), 2, block.id());
    Block byLeader =
        block.withSeal(PoaSeal.encode(new PoaSeal.Proposal(2, keyOf(leader).sign(signed))));
    Block byOther =
        block.withSeal(PoaSeal.encode(new PoaSeal.Proposal(2, keyOf(other).sign(signed))));
    assertThat(checker.check(byLeader).valid()).isTrue();
    assertThat(checker.check(byOther).reason()).isEqualTo("bad-proposal-signature");
    assertThat(checker.isDecided(byLeader)).isFalse();
  }

  @Test
  void aCertificateNeedsAMajorityOfDistinctValidSigners() {
    assertThat(checker.check(withVotes(1, 0, 1, 2)).valid()).isTrue();
    assertThat(checker.isDecided(withVotes(1, 0, 1, 2))).isTrue();
    assertThat(checker.check(withVotes(1, 0, 1)).reason()).isEqualTo("certificate-below-quorum");
    assertThat(checker.check(withVotes(1, 0, 1, 1)).reason())
        .isEqualTo("certificate-duplicate-signer");
    assertThat(checker.check(withVotes(1, 0, 1, 7)).reason())
        .isEqualTo("certificate-unknown-signer");
  }

  @Test
  void aCertificateForAnotherRoundDoesNotVerify() {
    Block sealed = withVotes(1, 0, 1, 2);
    PoaSeal.Certificate certificate = (PoaSeal.Certificate) PoaSeal.decode(sealed.header().seal());
    Block relabelled =
        block.withSeal(PoaSeal.encode(new PoaSeal.Certificate(2, certificate.votes())));
    assertThat(checker.check(relabelled).reason()).isEqualTo("certificate-bad-signature");
  }

  @Test
  void garbageSealsAndOutsideProposersAreRejected() {
    assertThat(checker.check(block.withSeal(new byte[] {7, 7})).reason())
        .isEqualTo("malformed-seal");
    byte[] seed = new byte[32];
    seed[0] = 99;
    Block outsider =
        new Block(
            new BlockHeader(
                5,
                Hash.ZERO,
                1,
                Ed25519KeyPair.fromSeed(seed).publicKey(),
                MerkleTree.EMPTY_ROOT,
                Hash.ZERO,
                new byte[0]),
            List.of());
    assertThat(checker.check(outsider).reason()).isEqualTo("proposer-not-an-authority");
  }
}

package io.consensio.pbft;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.Member;
import io.consensio.api.Membership;
import io.consensio.api.crypto.Ed25519Verifier;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.types.Block;
import io.consensio.api.types.BlockHeader;
import io.consensio.api.types.Hash;
import io.consensio.api.types.MerkleTree;
import io.consensio.api.types.NodeId;
import io.consensio.pbft.harness.Cluster;
import io.consensio.pbft.messages.Commit;
import io.consensio.pbft.messages.Signed;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The commit certificate as a block seal: 2f+1 valid commit signatures from distinct replicas. */
class CommitCertificateTest {
  private final Membership membership =
      new Membership(
          List.of(0, 1, 2, 3).stream()
              .map(i -> new Member(NodeId.of("node-" + i), Cluster.keyOf(i).publicKey()))
              .toList());
  private final Quorum quorum = new Quorum(membership, 1);
  private final PublicKey proposer = Cluster.keyOf(0).publicKey();
  private final Block block =
      new Block(
          new BlockHeader(
              7,
              Hash.sha256("parent".getBytes()),
              10,
              proposer,
              MerkleTree.EMPTY_ROOT,
              Hash.sha256("state".getBytes()),
              new byte[0]),
          List.of());

  private Signed<Commit> commitBy(int i, Hash digest) {
    return Signed.sign(new Commit(2, 7, digest), NodeId.of("node-" + i), Cluster.keyOf(i));
  }

  private CommitCertificate certificate(int... signers) {
    List<Signed<Commit>> commits = new ArrayList<>();
    for (int i : signers) {
      commits.add(commitBy(i, block.id()));
    }
    return CommitCertificate.of(2, 7, block.id(), commits);
  }

  private boolean sealValid(CommitCertificate c) {
    return CommitCertificate.verifySeal(
            block.withSeal(c.encode()), quorum, Ed25519Verifier.INSTANCE)
        .valid();
  }

  @Test
  void certificateWithTwoFPlusOneValidSignaturesIsAccepted() {
    assertThat(sealValid(certificate(0, 2, 3))).isTrue();
    assertThat(CommitCertificate.decode(certificate(0, 2, 3).encode()))
        .isEqualTo(certificate(0, 2, 3));
  }

  @Test
  void certificateWithFewerThanTwoFPlusOneSignaturesIsRejected() {
    assertThat(sealValid(certificate(0, 2))).isFalse();
  }

  @Test
  void certificateWithAForgedSignatureIsRejected() {
    CommitCertificate good = certificate(0, 1, 2);
    List<CommitCertificate.Entry> entries = new ArrayList<>(good.signatures());
    // node-2's entry carries node-3's signature over the same commit.
    entries.set(
        2, new CommitCertificate.Entry(NodeId.of("node-2"), commitBy(3, block.id()).signature()));
    assertThat(sealValid(new CommitCertificate(2, 7, block.id(), entries))).isFalse();
  }

  @Test
  void duplicateSignerCountsOnce() {
    CommitCertificate good = certificate(0, 1);
    List<CommitCertificate.Entry> entries = new ArrayList<>(good.signatures());
    entries.add(entries.get(0));
    assertThat(sealValid(new CommitCertificate(2, 7, block.id(), entries))).isFalse();
  }

  @Test
  void certificateForAnotherBlockOrSequenceIsRejected() {
    Hash other = Hash.sha256("other".getBytes());
    List<Signed<Commit>> commits =
        List.of(commitBy(0, other), commitBy(1, other), commitBy(2, other));
    assertThat(sealValid(CommitCertificate.of(2, 7, other, commits))).isFalse();
    CommitCertificate wrongSeq =
        new CommitCertificate(2, 8, block.id(), certificate(0, 1, 2).signatures());
    assertThat(sealValid(wrongSeq)).isFalse();
  }

  @Test
  void malformedOrMissingSealIsRejectedWithoutThrowing() {
    assertThat(CommitCertificate.verifySeal(block, quorum, Ed25519Verifier.INSTANCE).valid())
        .isFalse();
    assertThat(
            CommitCertificate.verifySeal(
                    block.withSeal(new byte[] {1, 2, 3}), quorum, Ed25519Verifier.INSTANCE)
                .reason())
        .isEqualTo("malformed-commit-certificate");
  }
}

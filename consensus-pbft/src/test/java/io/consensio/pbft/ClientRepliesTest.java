package io.consensio.pbft;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.crypto.Signature;
import io.consensio.api.types.Block;
import io.consensio.api.types.NodeId;
import io.consensio.pbft.harness.Cluster;
import io.consensio.pbft.harness.Cluster.Node;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the engine tells clients through {@link io.consensio.api.CertifiedFinality}: a client needs
 * f+1 matching replies (OSDI'99 §4.1), and a final block is vouched for by the replicas whose
 * COMMIT signatures in its certificate verify — checked, not taken from the seal on trust.
 */
class ClientRepliesTest {

  /**
   * The final block at height 1 with the seal this replica executed it with (the real ledger keeps
   * the sealed copy; the test's fake ledger keeps the first, unsealed import).
   */
  private static Block sealedAtOne(Node node) {
    CommitCertificate certificate = new ReplicaStore(node.store).certificate(1).orElseThrow();
    return node.chain.finalizedHead().withSeal(certificate.encode());
  }

  @Test
  void repliesNeededIsFPlusOne() {
    assertThat(new Cluster(4, Cluster.config(4, 5, 4)).node(0).engine.repliesNeeded()).isEqualTo(2);
    assertThat(new Cluster(7, Cluster.config(7, 5, 4)).node(0).engine.repliesNeeded()).isEqualTo(3);
  }

  @Test
  void aFinalBlockIsCertifiedByTheTwoFPlusOneReplicasInItsCertificate() {
    Cluster cluster = new Cluster(4, Cluster.config(4, 5, 4));
    cluster.submit(5);
    cluster.deliverAll();
    Node node2 = cluster.node(2);
    Block sealed = sealedAtOne(node2);
    assertThat(sealed.height()).isEqualTo(1);

    List<NodeId> signers = node2.engine.certifiedBy(sealed);
    assertThat(signers).hasSize(3);
    assertThat(cluster.membership.ids()).containsAll(signers);
    // Every replica reads the same certificate the same way.
    assertThat(cluster.node(0).engine.certifiedBy(sealed)).isEqualTo(signers);
  }

  @Test
  void unsealedBlocksAndBadSignaturesCertifyNothing() {
    Cluster cluster = new Cluster(4, Cluster.config(4, 5, 4));
    cluster.submit(5);
    cluster.deliverAll();
    Node node1 = cluster.node(1);
    Block sealed = sealedAtOne(node1);
    assertThat(node1.engine.certifiedBy(sealed.withSeal(new byte[0]))).isEmpty();
    assertThat(node1.engine.certifiedBy(sealed.withSeal(new byte[] {1, 2, 3}))).isEmpty();

    CommitCertificate certificate = CommitCertificate.decode(sealed.header().seal());
    List<CommitCertificate.Entry> entries = new ArrayList<>(certificate.signatures());
    CommitCertificate.Entry first = entries.get(0);
    byte[] broken = first.signature().toBytes();
    broken[0] ^= 1;
    entries.set(0, new CommitCertificate.Entry(first.replica(), Signature.wrap(broken)));
    CommitCertificate tampered =
        new CommitCertificate(certificate.view(), certificate.seq(), certificate.digest(), entries);

    List<NodeId> signers = node1.engine.certifiedBy(sealed.withSeal(tampered.encode()));
    assertThat(signers).hasSize(2).doesNotContain(first.replica());
  }
}

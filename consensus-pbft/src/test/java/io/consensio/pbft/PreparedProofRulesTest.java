package io.consensio.pbft;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.types.Block;
import io.consensio.api.types.Hash;
import io.consensio.pbft.harness.Cluster;
import io.consensio.pbft.harness.Cluster.Node;
import io.consensio.pbft.messages.Prepare;
import io.consensio.pbft.messages.PreparedProof;
import io.consensio.pbft.messages.Signed;
import io.consensio.pbft.messages.ViewChange;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The prepared certificate P_m of a VIEW-CHANGE (OSDI'99 §4.4) is ⟨v, n, d⟩ with the block's header
 * (TOCS'02 §4.4: without the request) and 2f matching PREPAREs signed by distinct backups of its
 * view; the primary's own signature is not part of it, so the same certificate works when
 * PRE-PREPAREs carry MAC authenticators (see {@link PreparedProof} for why that is enough). Each
 * rule below is one way a certificate is refused.
 */
class PreparedProofRulesTest {
  private final Cluster cluster = new Cluster(4, Cluster.config(4, 50, 4));
  private final Node primary = cluster.node(0);
  private final ViewChangeProtocol protocol =
      new ViewChangeProtocol(
          new Quorum(cluster.membership, 1),
          cluster.node(1).verifier(),
          50,
          100,
          primary.chain.genesis().id());
  private final Block block =
      primary.chain.buildBlock(
          primary.chain.genesis().id(), List.of(), 1_000, primary.key.publicKey());

  private Signed<Prepare> prepareBy(int replica, Hash digest) {
    Node n = cluster.node(replica);
    return Signed.sign(new Prepare(0, 1, digest), n.id, n.signer);
  }

  private Optional<String> verdict(PreparedProof proof) {
    return protocol.validate(new ViewChange(1, 0, List.of(), List.of(proof)));
  }

  @Test
  void twoSignedPreparesFromDistinctBackupsProveTheBlockPrepared() {
    assertThat(
            verdict(
                new PreparedProof(
                    0,
                    1,
                    block.header(),
                    List.of(prepareBy(1, block.id()), prepareBy(2, block.id())))))
        .isEmpty();
  }

  @Test
  void tooFewPreparesOrTwiceTheSameBackupIsRefused() {
    assertThat(verdict(new PreparedProof(0, 1, block.header(), List.of(prepareBy(1, block.id())))))
        .contains("bad-prepared-proof");
    assertThat(
            verdict(
                new PreparedProof(
                    0,
                    1,
                    block.header(),
                    List.of(prepareBy(1, block.id()), prepareBy(1, block.id())))))
        .contains("bad-prepared-proof");
  }

  @Test
  void aPrepareFromThePrimaryDoesNotCount() {
    assertThat(
            verdict(
                new PreparedProof(
                    0,
                    1,
                    block.header(),
                    List.of(prepareBy(0, block.id()), prepareBy(2, block.id())))))
        .contains("bad-prepared-proof");
  }

  @Test
  void preparesForAnotherDigestOrAForgedSignatureAreRefused() {
    Hash other = Hash.sha256("another block".getBytes());
    assertThat(
            verdict(
                new PreparedProof(
                    0, 1, block.header(), List.of(prepareBy(1, other), prepareBy(2, other)))))
        .contains("bad-prepared-proof");
    Signed<Prepare> genuine = prepareBy(2, block.id());
    Signed<Prepare> inNode2sName =
        new Signed<>(genuine.message(), genuine.sender(), prepareBy(3, block.id()).signature());
    assertThat(
            verdict(
                new PreparedProof(
                    0, 1, block.header(), List.of(prepareBy(1, block.id()), inNode2sName))))
        .contains("bad-prepared-proof");
  }

  @Test
  void aHeaderForAnotherSequenceNumberOrWithASealIsRefused() {
    List<Signed<Prepare>> prepares = List.of(prepareBy(1, block.id()), prepareBy(2, block.id()));
    assertThat(verdict(new PreparedProof(0, 2, block.header(), prepares)))
        .contains("bad-prepared-proof");
    // A seal is not part of the id, so the prepares still match; but a proposal is unsealed.
    assertThat(verdict(new PreparedProof(0, 1, block.header().withSeal(new byte[] {1}), prepares)))
        .contains("bad-prepared-proof");
  }
}

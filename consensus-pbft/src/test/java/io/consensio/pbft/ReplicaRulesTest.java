package io.consensio.pbft;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.crypto.Ed25519KeyPair;
import io.consensio.api.crypto.Signature;
import io.consensio.api.types.Block;
import io.consensio.api.types.BlockHeader;
import io.consensio.api.types.Hash;
import io.consensio.api.types.NodeId;
import io.consensio.pbft.harness.Cluster;
import io.consensio.pbft.harness.Cluster.Envelope;
import io.consensio.pbft.harness.Cluster.Node;
import io.consensio.pbft.messages.Authenticated;
import io.consensio.pbft.messages.MessageCodec;
import io.consensio.pbft.messages.PbftMessage;
import io.consensio.pbft.messages.PrePrepare;
import io.consensio.pbft.messages.Prepare;
import io.consensio.pbft.messages.Signed;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One test per acceptance rule of OSDI'99 §4.2, checked on backup node-1 of a 4-replica group. */
class ReplicaRulesTest {
  private Cluster cluster;
  private Node backup;
  private final NodeId primary = NodeId.of("node-0");

  @BeforeEach
  void setUp() {
    cluster = new Cluster(4, Cluster.config(4, 5, 4));
    backup = cluster.node(1);
  }

  private Block blockOnGenesis() {
    Node p = cluster.node(0);
    return p.chain.buildBlock(
        p.chain.genesis().id(), List.of(cluster.nextTx()), 5_000, p.key.publicKey());
  }

  private static <T extends PbftMessage> byte[] signedBy(int replica, T message) {
    Ed25519KeyPair key = Cluster.keyOf(replica);
    return Signed.sign(message, NodeId.of("node-" + replica), key).encode();
  }

  private List<Authenticated<? extends PbftMessage>> sentBy(NodeId sender) {
    return cluster.queue().stream()
        .filter(e -> e.from().equals(sender))
        .<Authenticated<? extends PbftMessage>>map(e -> MessageCodec.decode(e.payload()))
        .toList();
  }

  private long dropped(String reason) {
    return backup.metrics.count("pbft.dropped", "reason=" + reason);
  }

  @Test
  void onReceptionOfValidPrePrepareSendsPrepareToPeers() {
    Block block = blockOnGenesis();
    backup.engine.onMessage(primary, signedBy(0, new PrePrepare(0, 1, block.id(), block)));

    List<Authenticated<? extends PbftMessage>> sent = sentBy(backup.id);
    assertThat(sent).hasSize(3);
    assertThat(cluster.queue().stream().filter(e -> e.from().equals(backup.id)).map(Envelope::to))
        .containsExactlyInAnyOrder(NodeId.of("node-0"), NodeId.of("node-2"), NodeId.of("node-3"));
    assertThat(sent)
        .allSatisfy(s -> assertThat(s.message()).isEqualTo(new Prepare(0, 1, block.id())));
    assertThat(backup.chain.contains(block.id())).as("imported tentatively").isTrue();
    assertThat(backup.chain.finalizedHead().height()).as("but not final").isZero();
  }

  @Test
  void prePrepareOutsideTheWatermarksIsDropped() {
    Block block = blockOnGenesis();
    long beyondHigh = cluster.config.watermarkWindow() + 1;
    backup.engine.onMessage(primary, signedBy(0, new PrePrepare(0, beyondHigh, block.id(), block)));
    backup.engine.onMessage(primary, signedBy(0, new PrePrepare(0, 0, block.id(), block)));

    assertThat(sentBy(backup.id)).isEmpty();
    assertThat(dropped("outside-watermarks")).isEqualTo(2);
  }

  @Test
  void prePrepareWhoseDigestDoesNotMatchTheBlockIsDropped() {
    Block block = blockOnGenesis();
    Hash wrong = Hash.sha256("not the block".getBytes());
    backup.engine.onMessage(primary, signedBy(0, new PrePrepare(0, 1, wrong, block)));

    assertThat(sentBy(backup.id)).isEmpty();
    assertThat(dropped("digest-mismatch")).isEqualTo(1);
  }

  @Test
  void validlySignedPrePrepareWhoseBlockWasSwappedIsDroppedAndTheGenuineOneAccepted() {
    Block genuine = blockOnGenesis();
    Block other = blockOnGenesis();
    assertThat(other.id()).isNotEqualTo(genuine.id());
    Signed<PrePrepare> signed =
        Signed.sign(new PrePrepare(0, 1, genuine.id(), genuine), primary, Cluster.keyOf(0));
    // The primary signed ⟨v, n, d⟩ only, so its signature stays valid whatever block rides along.
    Signed<PrePrepare> swapped =
        new Signed<>(new PrePrepare(0, 1, genuine.id(), other), primary, signed.signature());
    Signed<PrePrepare> bodySwapped =
        new Signed<>(
            new PrePrepare(0, 1, genuine.id(), new Block(genuine.header(), other.transactions())),
            primary,
            signed.signature());
    Signed<PrePrepare> swappedForNextView =
        Signed.sign(new PrePrepare(1, 1, genuine.id(), genuine), primary, Cluster.keyOf(0));
    swappedForNextView =
        new Signed<>(
            new PrePrepare(1, 1, genuine.id(), other), primary, swappedForNextView.signature());
    assertThat(swapped.verify(cluster.membership, backup.verifier())).isTrue();
    assertThat(bodySwapped.verify(cluster.membership, backup.verifier())).isTrue();

    backup.engine.onMessage(primary, swapped.encode());
    backup.engine.onMessage(primary, bodySwapped.encode());
    backup.engine.onMessage(primary, swappedForNextView.encode());

    assertThat(sentBy(backup.id)).isEmpty();
    assertThat(dropped("digest-mismatch")).isEqualTo(2);
    assertThat(dropped("malformed-block")).isEqualTo(1);
    assertThat(backup.engine.bufferedForFutureViews()).as("not even buffered").isZero();
    assertThat(backup.chain.contains(other.id())).isFalse();

    backup.engine.onMessage(primary, signed.encode());
    assertThat(sentBy(backup.id).stream().map(m -> (PbftMessage) m.message()).toList())
        .hasSize(3)
        .containsOnly(new Prepare(0, 1, genuine.id()));
    assertThat(backup.chain.block(genuine.id())).contains(genuine);
  }

  @Test
  void secondPrePrepareForTheSameViewAndSequenceWithAnotherDigestIsRejected() {
    Block first = blockOnGenesis();
    Block second = blockOnGenesis();
    assertThat(second.id()).isNotEqualTo(first.id());
    backup.engine.onMessage(primary, signedBy(0, new PrePrepare(0, 1, first.id(), first)));
    backup.engine.onMessage(primary, signedBy(0, new PrePrepare(0, 1, second.id(), second)));

    assertThat(sentBy(backup.id).stream().map(m -> (PbftMessage) m.message()).toList())
        .containsOnly(new Prepare(0, 1, first.id()));
    assertThat(dropped("conflicting-pre-prepare")).isEqualTo(1);
  }

  @Test
  void prePrepareForAFutureViewIsNotActedOnButKeptForThatView() {
    Block block = blockOnGenesis();
    backup.engine.onMessage(
        NodeId.of("node-1"), signedBy(1, new PrePrepare(1, 1, block.id(), block)));
    assertThat(sentBy(backup.id)).isEmpty();
    assertThat(backup.metrics.count("pbft.buffered", "type=pre-prepare")).isEqualTo(1);
    assertThat(backup.engine.bufferedForFutureViews()).isEqualTo(1);
  }

  @Test
  void prePrepareFromABackupIsDropped() {
    Block block = blockOnGenesis();
    backup.engine.onMessage(
        NodeId.of("node-2"), signedBy(2, new PrePrepare(0, 1, block.id(), block)));
    assertThat(dropped("pre-prepare-not-from-primary")).isEqualTo(1);
    assertThat(sentBy(backup.id)).isEmpty();
  }

  @Test
  void prePrepareWithAnInvalidBlockIsDropped() {
    Block good = blockOnGenesis();
    BlockHeader h = good.header();
    Block badState =
        new Block(
            new BlockHeader(
                h.height(),
                h.parent(),
                h.timestampMillis(),
                h.proposer(),
                h.txRoot(),
                Hash.sha256("wrong state".getBytes()),
                new byte[0]),
            good.transactions());
    backup.engine.onMessage(primary, signedBy(0, new PrePrepare(0, 1, badState.id(), badState)));
    assertThat(dropped("invalid-block")).isEqualTo(1);
    assertThat(backup.chain.contains(badState.id())).isFalse();
  }

  @Test
  void forgedSignatureIsDroppedAndCounted() {
    Block block = blockOnGenesis();
    byte[] bytes = signedBy(0, new PrePrepare(0, 1, block.id(), block));
    bytes[bytes.length - 1] ^= 0x01; // the signature is the last 64 bytes
    backup.engine.onMessage(primary, bytes);

    assertThat(dropped("bad-signature")).isEqualTo(1);
    assertThat(sentBy(backup.id)).isEmpty();
  }

  @Test
  void messageSignedWithAnotherReplicasKeyIsDropped() {
    Block block = blockOnGenesis();
    PrePrepare pp = new PrePrepare(0, 1, block.id(), block);
    Signature byNode2 = Cluster.keyOf(2).sign(Signed.signingBytes(pp, primary));
    backup.engine.onMessage(primary, new Signed<>(pp, primary, byNode2).encode());
    assertThat(dropped("bad-signature")).isEqualTo(1);
  }

  @Test
  void senderOtherThanTheAuthenticatedPeerIsDropped() {
    Block block = blockOnGenesis();
    // A correctly signed pre-prepare of node-0, relayed by node-2 as if it were its own message.
    backup.engine.onMessage(
        NodeId.of("node-2"), signedBy(0, new PrePrepare(0, 1, block.id(), block)));
    assertThat(dropped("sender-mismatch")).isEqualTo(1);
    assertThat(sentBy(backup.id)).isEmpty();
  }

  @Test
  void messageFromAnUnknownPeerIsDropped() {
    backup.engine.onMessage(NodeId.of("stranger"), signedBy(0, new Prepare(0, 1, Hash.ZERO)));
    assertThat(dropped("unknown-peer")).isEqualTo(1);
  }

  @Test
  void malformedBytesAreDroppedAndCounted() {
    Block block = blockOnGenesis();
    byte[] valid = signedBy(0, new PrePrepare(0, 1, block.id(), block));
    backup.engine.onMessage(primary, Arrays.copyOf(valid, valid.length + 1)); // trailing byte
    backup.engine.onMessage(primary, Arrays.copyOf(valid, valid.length - 10)); // truncated
    backup.engine.onMessage(primary, new byte[] {42, 0, 0});
    backup.engine.onMessage(primary, new byte[0]);

    assertThat(dropped("malformed")).isEqualTo(4);
    assertThat(backup.metrics.count("pbft.handler.errors")).isZero();
    assertThat(sentBy(backup.id)).isEmpty();
  }

  @Test
  void prepareFromThePrimaryDoesNotCountTowardsPrepared() {
    Block block = blockOnGenesis();
    backup.engine.onMessage(primary, signedBy(0, new PrePrepare(0, 1, block.id(), block)));
    cluster.queue().clear();
    backup.engine.onMessage(primary, signedBy(0, new Prepare(0, 1, block.id())));
    backup.engine.onMessage(NodeId.of("node-2"), signedBy(2, new Prepare(0, 1, block.id())));

    assertThat(dropped("prepare-from-primary")).isEqualTo(1);
    assertThat(sentBy(backup.id)).as("own prepare + node-2's is 2f = 2: prepared").hasSize(3);
    assertThat(sentBy(backup.id).get(0).message().type().label()).isEqualTo("commit");
  }

  @Test
  void prepareWithAnotherDigestDoesNotCountTowardsPrepared() {
    Block block = blockOnGenesis();
    backup.engine.onMessage(primary, signedBy(0, new PrePrepare(0, 1, block.id(), block)));
    cluster.queue().clear();
    backup.engine.onMessage(
        NodeId.of("node-2"), signedBy(2, new Prepare(0, 1, Hash.sha256("other".getBytes()))));
    backup.engine.onMessage(
        NodeId.of("node-3"), signedBy(3, new Prepare(0, 1, Hash.sha256("other".getBytes()))));
    assertThat(sentBy(backup.id)).as("no commit without 2f matching prepares").isEmpty();
  }
}

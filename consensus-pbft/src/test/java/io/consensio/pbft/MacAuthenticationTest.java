package io.consensio.pbft;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.crypto.Signature;
import io.consensio.api.types.Block;
import io.consensio.api.types.Transaction;
import io.consensio.pbft.PbftConfig.Authentication;
import io.consensio.pbft.auth.MacAuthenticator;
import io.consensio.pbft.harness.Cluster;
import io.consensio.pbft.harness.Cluster.Envelope;
import io.consensio.pbft.harness.Cluster.Node;
import io.consensio.pbft.messages.MacPrePrepare;
import io.consensio.pbft.messages.MessageCodec;
import io.consensio.pbft.messages.MessageType;
import io.consensio.pbft.messages.NewKey;
import io.consensio.pbft.messages.PrePrepare;
import io.consensio.pbft.messages.Prepare;
import io.consensio.pbft.messages.Signed;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code consensus.pbft.authentication: macs} (TOCS'02 §4 authenticators, §5 NEW-KEY): PRE-PREPARE
 * travels with one MAC per receiver, keys are announced in signed NEW-KEY messages, and a
 * pre-prepare whose tag for this replica is missing, wrong or meant for another replica is dropped
 * and counted.
 */
class MacAuthenticationTest {
  private final Cluster cluster =
      new Cluster(4, Cluster.config(4, 50, 4).withAuthentication(Authentication.MACS));
  private final Node primary = cluster.node(0);
  private final Node backup = cluster.node(1);

  private long dropped(Node node, String reason) {
    return node.metrics.count("pbft.dropped", "reason=" + reason);
  }

  /** The primary's MAC-authenticated PRE-PREPARE for sequence number 1, addressed to node-1. */
  private MacPrePrepare firstPrePrepareToBackup() {
    cluster.deliverAll(); // NEW-KEY exchange
    cluster.submit(3);
    for (Envelope e : cluster.queue()) {
      if (e.from().equals(primary.id)
          && e.to().equals(backup.id)
          && MessageCodec.decode(e.payload()) instanceof MacPrePrepare mac) {
        cluster.queue().clear();
        return mac;
      }
    }
    throw new AssertionError("the primary sent no MAC-authenticated pre-prepare to node-1");
  }

  private static List<byte[]> tagsOf(MacPrePrepare mac) {
    return new ArrayList<>(mac.tags());
  }

  @Test
  void aMacClusterOrdersBlocksWithAuthenticatedPrePreparesAndNoViewChange() {
    cluster.deliverAll();
    List<Transaction> txs = cluster.submit(25);
    List<MessageType> prePrepareFrames = new ArrayList<>();
    cluster.deliverAll(
        e -> false,
        e -> {
          if (MessageCodec.decode(e.payload()) instanceof MacPrePrepare) {
            prePrepareFrames.add(MessageType.PRE_PREPARE);
          }
          return e;
        });
    for (Node n : cluster.nodes()) {
      assertThat(n.height()).isEqualTo(3);
      for (Transaction tx : txs) {
        assertThat(n.chain.findTransaction(tx.id())).isPresent();
      }
      assertThat(n.metrics.count("pbft.view_changes.started")).isZero();
      assertThat(n.metrics.count("pbft.dropped")).isZero();
    }
    assertThat(prePrepareFrames).as("3 blocks to 3 backups, none signed").hasSize(9);
    for (Node n : cluster.nodes().subList(1, 4)) {
      assertThat(n.metrics.count("pbft.authenticated", "by=mac")).isEqualTo(3);
    }
    ClusterAssertions.assertNoHandlerErrors(cluster);
  }

  @Test
  void aPrePrepareWithAWrongTagIsDroppedAndCounted() {
    MacPrePrepare mac = firstPrePrepareToBackup();
    List<byte[]> tags = tagsOf(mac);
    byte[] spoiled = tags.get(1).clone();
    spoiled[0] ^= 1;
    tags.set(1, spoiled);

    backup.engine.onMessage(
        primary.id, new MacPrePrepare(mac.message(), primary.id, tags).encode());

    assertThat(dropped(backup, "bad-mac")).isEqualTo(1);
    assertThat(cluster.queue()).as("no PREPARE for a forged pre-prepare").isEmpty();
    backup.engine.onMessage(primary.id, mac.encode());
    assertThat(cluster.queue()).as("the genuine one is prepared").hasSize(3);
  }

  @Test
  void aTagAddressedToAnotherReplicaIsRejected() {
    MacPrePrepare mac = firstPrePrepareToBackup();
    List<byte[]> tags = tagsOf(mac);
    tags.set(1, tags.get(2)); // node-2's valid tag in node-1's entry

    backup.engine.onMessage(
        primary.id, new MacPrePrepare(mac.message(), primary.id, tags).encode());

    assertThat(dropped(backup, "bad-mac")).isEqualTo(1);
    assertThat(cluster.queue()).isEmpty();
  }

  @Test
  void aPrePrepareWithoutATagForThisReplicaOrWithAShortAuthenticatorIsDropped() {
    MacPrePrepare mac = firstPrePrepareToBackup();
    List<byte[]> tags = tagsOf(mac);
    tags.set(1, new byte[0]);
    backup.engine.onMessage(
        primary.id, new MacPrePrepare(mac.message(), primary.id, tags).encode());
    backup.engine.onMessage(
        primary.id, new MacPrePrepare(mac.message(), primary.id, tags.subList(0, 2)).encode());

    assertThat(dropped(backup, "missing-mac")).isEqualTo(1);
    assertThat(dropped(backup, "malformed-authenticator")).isEqualTo(1);
    // No PREPARE; the primary evidently lacks node-1's key, so node-1 offers it (once).
    assertThat(cluster.queue()).hasSize(1);
    Envelope offer = cluster.queue().peek();
    assertThat(offer.to()).isEqualTo(primary.id);
    assertThat(MessageCodec.decode(offer.payload()).message())
        .isInstanceOfSatisfying(NewKey.class, k -> assertThat(k.replyWanted()).isFalse());
  }

  @Test
  void aBackupCannotAuthenticateAPrePrepareInThePrimarysName() {
    MacPrePrepare mac = firstPrePrepareToBackup();
    // node-2 holds keys for (node-2 → node-1) only: its tag claiming node-0 does not verify.
    MacAuthenticator node2 =
        new MacAuthenticator(cluster.node(2).id, cluster.membership, cluster.node(2).signer);
    for (Node peer : cluster.nodes()) {
      if (!peer.id.equals(cluster.node(2).id)) {
        node2.onNewKey(
            new MacAuthenticator(peer.id, cluster.membership, peer.signer).announcement(false));
      }
    }
    List<byte[]> ownTags = node2.authenticate(mac.message()).tags();

    backup.engine.onMessage(
        primary.id, new MacPrePrepare(mac.message(), primary.id, ownTags).encode());
    backup.engine.onMessage(
        cluster.node(2).id, new MacPrePrepare(mac.message(), primary.id, ownTags).encode());

    assertThat(dropped(backup, "bad-mac")).isEqualTo(1);
    assertThat(dropped(backup, "sender-mismatch")).isEqualTo(1);
    assertThat(cluster.queue()).isEmpty();
  }

  @Test
  void aNewKeyWithABadSignatureIsIgnoredAndTheGenuineKeyStillWorks() {
    Cluster fresh =
        new Cluster(4, Cluster.config(4, 50, 4).withAuthentication(Authentication.MACS));
    Node p = fresh.node(0);
    Node b = fresh.node(1);
    List<Envelope> fromPrimary =
        fresh.queue().stream().filter(e -> e.from().equals(p.id) && e.to().equals(b.id)).toList();
    fresh.queue().clear();
    // node-3 announces its own X25519 key in node-0's name; the signature is node-3's.
    NewKey attackerKey =
        new MacAuthenticator(fresh.node(3).id, fresh.membership, fresh.node(3).signer)
            .announcement(false)
            .message();
    Signature bySomeoneElse = fresh.node(3).signer.sign(Signed.signingBytes(attackerKey, p.id));
    b.engine.onMessage(p.id, new Signed<>(attackerKey, p.id, bySomeoneElse).encode());
    assertThat(dropped(b, "bad-signature")).isEqualTo(1);

    // Node-1 still knows no key for node-0: node-0's pre-prepare cannot be checked yet.
    fresh.submit(3);
    Envelope pp =
        fresh.queue().stream()
            .filter(e -> e.from().equals(p.id) && e.to().equals(b.id))
            .filter(e -> MessageCodec.decode(e.payload()) instanceof MacPrePrepare)
            .findFirst()
            .orElseThrow();
    b.engine.onMessage(p.id, pp.payload());
    assertThat(dropped(b, "unknown-mac-key")).isEqualTo(1);

    // The genuine NEW-KEY (sent at start, asking for replies) teaches node-1 the key, and node-1
    // answers with its own; the primary's next retransmission is then accepted.
    fromPrimary.forEach(e -> b.engine.onMessage(e.from(), e.payload()));
    assertThat(
            fresh.queue().stream()
                .filter(e -> e.from().equals(b.id) && e.to().equals(p.id))
                .map(e -> MessageCodec.decode(e.payload()).message())
                .filter(m -> m instanceof NewKey k && !k.replyWanted()))
        .hasSize(1);
    fresh.deliverAll();
    fresh.run(1_000, 100, e -> false);
    assertThat(b.height()).isEqualTo(1);
    assertThat(dropped(b, "bad-mac")).isZero();
  }

  @Test
  void aMacAuthenticatedPrePrepareIsDroppedWhenTheClusterUsesSignatures() {
    Cluster signed = new Cluster(4, Cluster.config(4, 50, 4));
    Node p = signed.node(0);
    Block block = p.chain.buildBlock(p.chain.genesis().id(), List.of(), 1_000, p.key.publicKey());
    MacAuthenticator keys = new MacAuthenticator(p.id, signed.membership, p.signer);
    byte[] frame = keys.authenticate(new PrePrepare(0, 1, block.id(), block)).encode();

    signed.node(1).engine.onMessage(p.id, frame);

    assertThat(dropped(signed.node(1), "macs-disabled")).isEqualTo(1);
    assertThat(signed.queue().stream().map(e -> MessageCodec.decode(e.payload()).message()))
        .noneMatch(m -> m instanceof Prepare);
  }

  @Test
  void aBlockPreparedUnderMacsSurvivesAViewChangeOnTheBackupsSignedPrepares() {
    cluster.deliverAll();
    Block prepared = ViewChangeClusterTest.commitTwoThenPrepareAThird(cluster);

    cluster.run(
        1_000, 100, Cluster.isolating(primary.id).or(ViewChangeClusterTest.commitsOfViewZero()));

    for (Node n : cluster.nodes().subList(1, 4)) {
      assertThat(n.engine.status().round()).isEqualTo(1);
      assertThat(n.finalChain().get(2).id())
          .as("re-proposed from a prepared certificate without the primary's signature")
          .isEqualTo(prepared.id());
    }
    ClusterAssertions.assertNoConflictingCommits(cluster.nodes().subList(1, 4));
    ClusterAssertions.assertNoHandlerErrors(cluster);
  }

  @Test
  void theConfigurationSwitchIsValidated() {
    var json = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
    assertThat(
            PbftConfig.parse(json.objectNode().put("authentication", "macs"), cluster.membership)
                .authentication())
        .isEqualTo(Authentication.MACS);
    assertThat(PbftConfig.parse(json.objectNode(), cluster.membership).authentication())
        .isEqualTo(Authentication.SIGNATURES);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                PbftConfig.parse(
                    json.objectNode().put("authentication", "hmac"), cluster.membership))
        .hasMessageContaining("consensus.pbft.authentication");
  }
}

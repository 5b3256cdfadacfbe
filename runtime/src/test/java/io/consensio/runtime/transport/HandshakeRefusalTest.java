package io.consensio.runtime.transport;

import static io.consensio.runtime.transport.TestCluster.id;
import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.Member;
import io.consensio.api.Membership;
import io.consensio.api.crypto.Ed25519KeyPair;
import io.consensio.api.types.NodeId;
import io.consensio.runtime.net.MessageChannel;
import io.consensio.runtime.transport.TestCluster.Node;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Only members that prove their key and agree on network and consensus get a message through. */
class HandshakeRefusalTest {
  private final TestCluster cluster = new TestCluster(3);

  @AfterEach
  void tearDown() {
    cluster.close();
  }

  @Test
  void aDialerWhoseIdIsNotInTheMembershipIsRefusedAndNothingItSendsIsDelivered() {
    Node node1 = cluster.start(cluster.config(id(1), List.of()));
    NodeId mallory = NodeId.of("mallory");
    Ed25519KeyPair malloryKey = TestCluster.freshKey();
    // Mallory's own view of the world lists herself and node-1's real key.
    Membership malloryView =
        new Membership(
            List.of(
                new Member(mallory, malloryKey.publicKey()),
                new Member(id(1), cluster.keys.get(id(1)).publicKey())));
    Node rogue = cluster.create(rogueConfig(mallory), malloryKey, malloryView);
    rogue.send(id(1), MessageChannel.CONSENSUS, "let me in");
    rogue.transport().start();

    Await.until(
        "node-1 refuses mallory",
        () -> node1.metrics().count(TransportMetrics.REFUSED, "reason", "unknown-peer") >= 2);
    assertThat(node1.inbox().all()).isEmpty();
    assertThat(rogue.transport().isConnected(id(1))).isFalse();
  }

  @Test
  void aDialerThatClaimsAMemberIdButSignsWithAnotherKeyIsRefusedAndItsFramesDiscarded() {
    Node node1 = cluster.start(cluster.config(id(1), List.of()));
    Ed25519KeyPair forgedKey = TestCluster.freshKey();
    // The impostor believes it is node-2; it checks node-1's real key, so it completes its side
    // of the handshake and writes its queued data right behind its (bad) proof.
    Membership impostorView =
        new Membership(
            List.of(
                new Member(id(1), cluster.keys.get(id(1)).publicKey()),
                new Member(id(2), forgedKey.publicKey())));
    Node impostor = cluster.create(rogueConfig(id(2)), forgedKey, impostorView);
    for (int i = 0; i < 5; i++) {
      impostor.send(id(1), MessageChannel.CONSENSUS, "forged " + i);
    }
    impostor.transport().start();

    Await.until(
        "node-1 refuses the impostor twice (it redials)",
        () -> node1.metrics().count(TransportMetrics.REFUSED, "reason", "bad-signature") >= 2);
    assertThat(impostor.metrics().count(TransportMetrics.AUTHENTICATED, "direction", "outbound"))
        .as("the impostor did get to send its data frames")
        .isPositive();
    assertThat(node1.inbox().all()).isEmpty();
    assertThat(node1.metrics().count(TransportMetrics.AUTHENTICATED, "direction", "inbound"))
        .isZero();
  }

  @Test
  void anAcceptorThatCannotProveThePeersKeyGetsNoDataFromTheDialer() {
    Ed25519KeyPair forgedKey = TestCluster.freshKey();
    Membership impostorView =
        new Membership(
            List.of(
                new Member(id(1), cluster.keys.get(id(1)).publicKey()),
                new Member(id(2), forgedKey.publicKey())));
    // The impostor listens where node-1 expects node-2.
    Node impostor = cluster.start(cluster.config(id(2), List.of()), forgedKey, impostorView);
    Node node1 = cluster.start(cluster.config(id(1), List.of(id(2))));
    node1.send(id(2), MessageChannel.CONSENSUS, "secret");

    Await.until(
        "node-1 refuses the impostor acceptor",
        () -> node1.metrics().count(TransportMetrics.REFUSED, "reason", "bad-signature") >= 2);
    assertThat(node1.transport().isConnected(id(2))).isFalse();
    assertThat(node1.transport().queuedMessages(id(2))).isEqualTo(1);
    assertThat(impostor.inbox().all()).isEmpty();
  }

  @Test
  void aPeerOnAnotherNetworkIsRefusedWithTheReasonCounted() {
    Node node1 = cluster.start(cluster.config(id(1), List.of(id(2))));
    TransportConfig other = cluster.config(id(2), List.of(id(1)));
    Node node2 = cluster.start(renamed(other, "othernet", other.consensusType()));
    node1.send(id(2), MessageChannel.CONSENSUS, "hi");
    node2.send(id(1), MessageChannel.CONSENSUS, "hi");

    Await.until(
        "both sides refuse the other's dial",
        () ->
            node1.metrics().count(TransportMetrics.REFUSED, "reason", "network-mismatch") >= 1
                && node2.metrics().count(TransportMetrics.REFUSED, "reason", "network-mismatch")
                    >= 1);
    assertThat(node1.inbox().all()).isEmpty();
    assertThat(node2.inbox().all()).isEmpty();
  }

  @Test
  void aPeerRunningAnotherConsensusIsRefusedWithTheReasonCounted() {
    Node node1 = cluster.start(cluster.config(id(1), List.of(id(2))));
    TransportConfig other = cluster.config(id(2), List.of(id(1)));
    Node node2 = cluster.start(renamed(other, other.networkId(), "pbft"));
    node2.send(id(1), MessageChannel.CONSENSUS, "pbft prepare");

    Await.until(
        "node-1 refuses the pbft node",
        () -> node1.metrics().count(TransportMetrics.REFUSED, "reason", "consensus-mismatch") >= 1);
    assertThat(node1.inbox().all()).isEmpty();
    assertThat(node2.transport().isConnected(id(1))).isFalse();
  }

  @Test
  void aConnectionThatStaysSilentIsClosedAfterTheHandshakeTimeout() throws Exception {
    Node node1 =
        cluster.start(
            cluster.config(id(1), List.of()).withHandshakeTimeout(Duration.ofMillis(200)));

    try (RawPeer silent = RawPeer.connect(node1.transport().boundPort())) {
      assertThat(silent.closedByPeer()).isTrue();
    }
    assertThat(node1.metrics().count(TransportMetrics.REFUSED, "reason", "handshake-timeout"))
        .isEqualTo(1);
  }

  private static TransportConfig renamed(TransportConfig c, String networkId, String consensus) {
    return new TransportConfig(
        c.self(),
        c.listenHost(),
        c.listenPort(),
        c.peers(),
        networkId,
        consensus,
        c.maxFrameBytes(),
        c.outboundQueueBytes(),
        c.outboundQueueMessages(),
        c.reconnectBackoffMin(),
        c.reconnectBackoffMax(),
        c.handshakeTimeout(),
        c.inboundPendingBytes());
  }

  private TransportConfig rogueConfig(NodeId self) {
    Map<NodeId, InetSocketAddress> target = Map.of(id(1), cluster.address(id(1)));
    return TransportConfig.of(
            self, "127.0.0.1", 0, target, TestCluster.NETWORK, TestCluster.CONSENSUS)
        .withReconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(100));
  }
}

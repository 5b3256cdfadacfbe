package io.consensio.runtime.transport;

import static io.consensio.runtime.transport.TestCluster.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consensio.api.types.NodeId;
import io.consensio.runtime.net.MessageChannel;
import io.consensio.runtime.transport.TestCluster.Node;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PeerTransportTest {
  private final TestCluster cluster = new TestCluster(3);

  @AfterEach
  void tearDown() {
    cluster.close();
  }

  @Test
  void threeNodesExchangeMessagesOnBothChannelsInOrder() {
    List<Node> nodes = cluster.startAll(List.of(id(1), id(2), id(3)));

    for (Node sender : nodes) {
      for (Node receiver : nodes) {
        if (sender != receiver) {
          for (int i = 0; i < 20; i++) {
            sender.send(receiver.id(), MessageChannel.CONSENSUS, "vote " + sender.id() + " " + i);
          }
        }
      }
      sender
          .transport()
          .broadcast(MessageChannel.TRANSACTIONS, ("tx from " + sender.id()).getBytes());
    }

    for (Node receiver : nodes) {
      Await.until(
          receiver.id() + " receives 21 messages from each of 2 peers",
          () -> receiver.inbox().all().size() == 42,
          () -> receiver.inbox().all().toString());
      for (Node sender : nodes) {
        if (sender == receiver) {
          continue;
        }
        List<String> expectedVotes =
            java.util.stream.IntStream.range(0, 20)
                .mapToObj(i -> "vote " + sender.id() + " " + i)
                .toList();
        List<String> votes =
            receiver.inbox().all().stream()
                .filter(r -> r.from().equals(sender.id()))
                .filter(r -> r.channel() == MessageChannel.CONSENSUS)
                .map(RecordingHandler.Received::text)
                .toList();
        assertThat(votes).containsExactlyElementsOf(expectedVotes);
        assertThat(
                receiver
                    .inbox()
                    .has(sender.id(), MessageChannel.TRANSACTIONS, "tx from " + sender.id()))
            .isTrue();
      }
    }
  }

  @Test
  void inboundHandlerRunsOnTheNodeExecutorNotOnANettyThread() {
    List<Node> nodes = cluster.startAll(List.of(id(1), id(2)));
    nodes.get(0).send(id(2), MessageChannel.CONSENSUS, "hello");

    Await.until("node-2 receives hello", () -> nodes.get(1).inbox().all().size() == 1);
    assertThat(nodes.get(1).inbox().all().get(0).thread())
        .isEqualTo(TestCluster.NODE_LOOP_PREFIX + "node-2");
  }

  @Test
  void sendToAnIdThatIsNotAPeerIsDroppedAndCountedNotThrown() {
    List<Node> nodes = cluster.startAll(List.of(id(1), id(2)));
    Node node1 = nodes.get(0);

    assertThatCode(() -> node1.send(NodeId.of("stranger"), MessageChannel.CONSENSUS, "psst"))
        .doesNotThrowAnyException();
    // node-3 is a member, but node-1 was not configured with its address.
    node1.send(id(3), MessageChannel.CONSENSUS, "psst");

    assertThat(node1.metrics().count(TransportMetrics.DROPPED, "reason", "unknown-peer"))
        .isEqualTo(2);
  }

  @Test
  void aMessageAboveTheFrameLimitIsDroppedAtTheSenderAndTheConnectionStaysUp() {
    int limit = 1024;
    Node node2 = cluster.start(cluster.config(id(2), List.of(id(1))).withMaxFrameBytes(limit));
    Node node1 = cluster.start(cluster.config(id(1), List.of(id(2))).withMaxFrameBytes(limit));

    node1.transport().send(id(2), MessageChannel.CONSENSUS, new byte[limit]); // + channel byte
    node1.transport().send(id(2), MessageChannel.CONSENSUS, new byte[limit - 1]);
    node1.send(id(2), MessageChannel.CONSENSUS, "after");

    Await.until("node-2 receives 'after'", () -> node2.inbox().textsFrom(id(1)).contains("after"));
    assertThat(node2.inbox().all()).hasSize(2);
    assertThat(node1.metrics().count(TransportMetrics.DROPPED, "reason", "too-large")).isEqualTo(1);
    assertThat(node2.metrics().count(TransportMetrics.OVERSIZED)).isZero();
  }

  @Test
  void configurationThatContradictsTheMembershipIsRejectedAtConstruction() {
    TransportConfig config = cluster.config(id(1), List.of(id(2)));

    assertThatThrownBy(() -> cluster.create(config, TestCluster.freshKey(), cluster.membership))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("signer's key");
    TransportConfig withStranger =
        TransportConfig.of(
            id(1),
            "127.0.0.1",
            0,
            Map.of(NodeId.of("stranger"), cluster.address(id(2))),
            TestCluster.NETWORK,
            TestCluster.CONSENSUS);
    assertThatThrownBy(
            () -> cluster.create(withStranger, cluster.keys.get(id(1)), cluster.membership))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("stranger");
  }

  @Test
  void closeReleasesTheListeningPortAndEveryTransportThread() throws Exception {
    List<Node> nodes = cluster.startAll(List.of(id(1), id(2)));
    nodes.get(0).send(id(2), MessageChannel.CONSENSUS, "ping");
    Await.until("node-2 receives ping", () -> nodes.get(1).inbox().all().size() == 1);

    nodes.forEach(node -> node.transport().close());

    Await.until(
        "no transport thread is left",
        () ->
            Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("consensio-net-")));
    try (java.net.ServerSocket rebound = new java.net.ServerSocket()) {
      rebound.setReuseAddress(true);
      rebound.bind(cluster.address(id(1)));
      assertThat(rebound.isBound()).isTrue();
    }
  }

  @Test
  void portZeroBindsAnOsChosenPort() {
    Node node = cluster.start(cluster.config(id(1), List.of(id(2))).withListenPort(0));

    assertThat(node.transport().boundPort()).isPositive();
  }
}

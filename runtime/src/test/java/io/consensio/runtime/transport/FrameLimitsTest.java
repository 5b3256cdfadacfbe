package io.consensio.runtime.transport;

import static io.consensio.runtime.transport.TestCluster.id;
import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.runtime.net.MessageChannel;
import io.consensio.runtime.transport.TestCluster.Node;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bad frames close only the connection they arrive on. node-4 is a member without a running
 * transport; the tests speak for it through a {@link RawPeer} holding its key.
 */
class FrameLimitsTest {
  private static final int MAX_FRAME = 64 * 1024;

  private final TestCluster cluster = new TestCluster(4);
  private List<Node> nodes;
  private int round;

  @BeforeEach
  void startThreeNodes() {
    nodes =
        List.of(id(1), id(2), id(3)).stream()
            .map(
                self ->
                    cluster.start(
                        cluster
                            .config(
                                self,
                                List.of(id(1), id(2), id(3)).stream()
                                    .filter(other -> !other.equals(self))
                                    .toList())
                            .withMaxFrameBytes(MAX_FRAME)))
            .toList();
    everyoneExchangesARound();
  }

  @AfterEach
  void tearDown() {
    cluster.close();
  }

  @Test
  void anOversizedFrameFromAnAuthenticatedPeerClosesOnlyItsConnection() throws Exception {
    Node node1 = nodes.get(0);
    try (RawPeer raw = RawPeer.connect(node1.transport().boundPort())) {
      raw.authenticateAsDialer(id(4), cluster.keys.get(id(4)), id(1));
      raw.writeFrame(frame(MessageChannel.CONSENSUS, "fits"));
      Await.until(
          "node-1 accepts a normal frame",
          () -> node1.inbox().has(id(4), MessageChannel.CONSENSUS, "fits"));

      // Only the length is sent: the limit must trip before any body is buffered.
      raw.writeRaw(ByteBuffer.allocate(4).putInt(MAX_FRAME + 1).array());

      assertThat(raw.closedByPeer()).isTrue();
    }
    assertThat(node1.metrics().count(TransportMetrics.OVERSIZED)).isEqualTo(1);
    everyoneExchangesARound();
  }

  @Test
  void aFrameOfGarbageInsteadOfAHandshakeClosesOnlyThatConnection() throws Exception {
    Node node2 = nodes.get(1);
    try (RawPeer raw = RawPeer.connect(node2.transport().boundPort())) {
      raw.writeFrame("GET / HTTP/1.1\r\nHost: node-2\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

      assertThat(raw.closedByPeer()).isTrue();
    }
    assertThat(node2.metrics().count(TransportMetrics.MALFORMED, "reason", "handshake-decode"))
        .isEqualTo(1);
    everyoneExchangesARound();
  }

  @Test
  void aLargeFrameBeforeTheHandshakeIsOversizedEvenBelowTheDataLimit() throws Exception {
    Node node3 = nodes.get(2);
    try (RawPeer raw = RawPeer.connect(node3.transport().boundPort())) {
      // A stranger may not make the node buffer a data-sized frame before proving its key.
      raw.writeRaw(ByteBuffer.allocate(4).putInt(MAX_FRAME / 2).array());

      assertThat(raw.closedByPeer()).isTrue();
    }
    assertThat(node3.metrics().count(TransportMetrics.OVERSIZED)).isEqualTo(1);
    everyoneExchangesARound();
  }

  @Test
  void anEmptyDataFrameClosesTheConnectionAndAnUnknownChannelIsOnlyDropped() throws Exception {
    Node node1 = nodes.get(0);
    try (RawPeer raw = RawPeer.connect(node1.transport().boundPort())) {
      raw.authenticateAsDialer(id(4), cluster.keys.get(id(4)), id(1));
      raw.writeFrame(new byte[] {(byte) 0x7F, 1, 2, 3});
      raw.writeFrame(frame(MessageChannel.TRANSACTIONS, "still here"));
      Await.until(
          "node-1 keeps the connection after an unknown channel",
          () -> node1.inbox().has(id(4), MessageChannel.TRANSACTIONS, "still here"));
      assertThat(node1.metrics().count(TransportMetrics.DROPPED, "reason", "unknown-channel"))
          .isEqualTo(1);

      raw.writeFrame(new byte[0]);

      assertThat(raw.closedByPeer()).isTrue();
    }
    assertThat(node1.metrics().count(TransportMetrics.MALFORMED, "reason", "empty-frame"))
        .isEqualTo(1);
    everyoneExchangesARound();
  }

  /**
   * Every node sends to every other and waits until all messages arrived; and no node had to
   * redial, so none of the nodes' own connections was closed along with the bad one.
   */
  private void everyoneExchangesARound() {
    round++;
    for (Node sender : nodes) {
      for (Node receiver : nodes) {
        if (sender != receiver) {
          sender.send(receiver.id(), MessageChannel.CONSENSUS, "round " + round);
        }
      }
    }
    for (Node sender : nodes) {
      for (Node receiver : nodes) {
        if (sender != receiver) {
          Await.until(
              receiver.id() + " gets round " + round + " from " + sender.id(),
              () -> receiver.inbox().has(sender.id(), MessageChannel.CONSENSUS, "round " + round));
        }
      }
    }
    for (Node node : nodes) {
      assertThat(node.metrics().count(TransportMetrics.AUTHENTICATED, "direction", "outbound"))
          .as("outbound handshakes of %s", node.id())
          .isEqualTo(2);
    }
  }

  private static byte[] frame(MessageChannel channel, String text) {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(1 + payload.length)
        .put((byte) channel.wireValue())
        .put(payload)
        .array();
  }
}

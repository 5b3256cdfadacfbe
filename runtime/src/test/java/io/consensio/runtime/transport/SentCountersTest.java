package io.consensio.runtime.transport;

import static io.consensio.runtime.transport.TestCluster.id;
import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.types.NodeId;
import io.consensio.runtime.net.MessageChannel;
import io.consensio.runtime.transport.TestCluster.Node;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a benchmark divides by committed transactions: messages and bytes queued per channel. */
class SentCountersTest {
  private final TestCluster cluster = new TestCluster(3);

  @AfterEach
  void tearDown() {
    cluster.close();
  }

  @Test
  void aBroadcastCountsOneMessagePerPeerAndDroppedSendsCountNothing() {
    List<Node> nodes = cluster.startAll(List.of(id(1), id(2), id(3)));
    Node node1 = nodes.get(0);

    node1.transport().send(id(2), MessageChannel.CONSENSUS, new byte[10]);
    node1.transport().broadcast(MessageChannel.CONSENSUS, new byte[7]);
    node1.transport().broadcast(MessageChannel.TRANSACTIONS, new byte[100]);
    node1.transport().send(NodeId.of("stranger"), MessageChannel.CONSENSUS, new byte[50]);

    CountingMetrics m = node1.metrics();
    assertThat(m.count(TransportMetrics.SENT_MESSAGES, "channel", "consensus")).isEqualTo(3);
    assertThat(m.count(TransportMetrics.SENT_BYTES, "channel", "consensus")).isEqualTo(10 + 2 * 7);
    assertThat(m.count(TransportMetrics.SENT_MESSAGES, "channel", "transactions")).isEqualTo(2);
    assertThat(m.count(TransportMetrics.SENT_BYTES, "channel", "transactions")).isEqualTo(200);
  }
}

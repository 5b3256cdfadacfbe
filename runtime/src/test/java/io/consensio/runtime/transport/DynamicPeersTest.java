package io.consensio.runtime.transport;

import static io.consensio.runtime.transport.TestCluster.id;
import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.Member;
import io.consensio.api.Membership;
import io.consensio.api.types.NodeId;
import io.consensio.runtime.net.MessageChannel;
import io.consensio.runtime.transport.TestCluster.Node;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A running transport follows membership changes (what an engine with dynamic membership reports):
 * a node added at run time is dialled and accepted; a removed one is no longer dialled.
 */
class DynamicPeersTest {
  private final TestCluster cluster = new TestCluster(3);

  @AfterEach
  void tearDown() {
    cluster.close();
  }

  private Membership membershipOf(int... nodes) {
    List<Member> members = new java.util.ArrayList<>();
    for (int n : nodes) {
      members.add(new Member(id(n), cluster.keys.get(id(n)).publicKey()));
    }
    return new Membership(members);
  }

  private Map<NodeId, InetSocketAddress> addressesOf(int... nodes) {
    Map<NodeId, InetSocketAddress> out = new LinkedHashMap<>();
    for (int n : nodes) {
      out.put(id(n), cluster.address(id(n)));
    }
    return out;
  }

  @Test
  void aNodeAddedAtRunTimeIsDialledAndAcceptedAndARemovedOneIsNoLongerDialled() {
    Node first =
        cluster.start(
            cluster.config(id(1), List.of(id(2))), cluster.keys.get(id(1)), membershipOf(1, 2));
    Node newcomer =
        cluster.start(
            cluster.config(id(3), List.of(id(1))), cluster.keys.get(id(3)), membershipOf(1, 2, 3));
    Await.until(
        "node-1 refuses the newcomer it does not know yet",
        () -> first.metrics().count(TransportMetrics.REFUSED, "reason", "unknown-peer") >= 1);

    first.transport().updatePeers(membershipOf(1, 2, 3), addressesOf(2, 3));
    Await.until("node-1 dials node-3", () -> first.transport().isConnected(id(3)));
    Await.until("node-3's redial is accepted", () -> newcomer.transport().isConnected(id(1)));
    first.send(id(3), MessageChannel.CONSENSUS, "append");
    newcomer.send(id(1), MessageChannel.CONSENSUS, "ack");
    Await.until(
        "node-3 receives", () -> newcomer.inbox().has(id(1), MessageChannel.CONSENSUS, "append"));
    Await.until("node-1 receives", () -> first.inbox().has(id(3), MessageChannel.CONSENSUS, "ack"));

    first.transport().updatePeers(membershipOf(1, 2), addressesOf(2));
    assertThat(first.transport().isConnected(id(3))).isFalse();
    long droppedBefore =
        first.metrics().count(TransportMetrics.DROPPED, "reason", TransportMetrics.UNKNOWN_PEER);
    first.send(id(3), MessageChannel.CONSENSUS, "after removal");
    assertThat(
            first
                .metrics()
                .count(TransportMetrics.DROPPED, "reason", TransportMetrics.UNKNOWN_PEER))
        .isEqualTo(droppedBefore + 1);
  }
}

package io.consensio.sim.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.types.NodeId;
import io.consensio.runtime.net.MessageChannel;
import io.consensio.runtime.net.PeerMessenger;
import io.consensio.sim.net.NetworkStats.DropReason;
import io.consensio.sim.time.EventQueue;
import io.consensio.sim.time.SimScheduler;
import io.consensio.sim.trace.TraceRecorder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OverlayAndLinkDelayTest {
  private static List<NodeId> nodes(int n) {
    List<NodeId> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(NodeId.of(String.format("node-%03d", i)));
    }
    return ids;
  }

  @Test
  void aRandomOverlayIsSymmetricConnectedAndAboutTwiceTheOutboundDegree() {
    List<NodeId> ids = nodes(300);
    Overlay overlay = Overlay.random(ids, 4, new Random(3));

    for (NodeId a : ids) {
      assertThat(overlay.neighbours(a)).doesNotContain(a).hasSizeGreaterThanOrEqualTo(4);
      for (NodeId b : overlay.neighbours(a)) {
        assertThat(overlay.connected(b, a)).as("%s-%s symmetric", a, b).isTrue();
      }
    }
    Set<NodeId> reached = new HashSet<>(List.of(ids.get(0)));
    ArrayDeque<NodeId> queue = new ArrayDeque<>(reached);
    while (!queue.isEmpty()) {
      for (NodeId next : overlay.neighbours(queue.poll())) {
        if (reached.add(next)) {
          queue.add(next);
        }
      }
    }
    assertThat(reached).hasSize(ids.size());
    assertThat(overlay.averageDegree()).isBetween(7.0, 8.0);
  }

  @Test
  void theSameRandomGivesTheSameOverlay() {
    List<NodeId> ids = nodes(50);
    Overlay first = Overlay.random(ids, 3, new Random(9));
    Overlay second = Overlay.random(ids, 3, new Random(9));
    for (NodeId id : ids) {
      assertThat(second.neighbours(id)).isEqualTo(first.neighbours(id));
    }
  }

  @Test
  void withAnOverlayBroadcastsReachOnlyNeighboursAndOtherSendsAreDroppedUncounted() {
    EventQueue queue = new EventQueue();
    TraceRecorder trace = new TraceRecorder();
    SimNetwork network =
        new SimNetwork(NetworkModel.reliable(LatencyModel.fixed(10)), new Random(1), trace);
    List<NodeId> ids = nodes(12);
    Map<NodeId, PeerMessenger> messengers = new HashMap<>();
    List<NodeId> receivers = new ArrayList<>();
    for (NodeId id : ids) {
      messengers.put(id, network.register(id, new SimScheduler(id, queue, trace)));
      network.setHandler(id, (from, channel, payload) -> receivers.add(id));
    }
    Overlay overlay = Overlay.random(ids, 2, new Random(5));
    network.setOverlay(overlay);
    NodeId sender = ids.get(0);

    messengers.get(sender).broadcast(MessageChannel.CONSENSUS, new byte[] {1});
    NodeId stranger =
        ids.stream()
            .filter(id -> !id.equals(sender) && !overlay.connected(sender, id))
            .findFirst()
            .orElseThrow();
    messengers.get(sender).send(stranger, MessageChannel.CONSENSUS, new byte[] {2});
    queue.runUntil(1_000);

    assertThat(receivers).containsExactlyInAnyOrderElementsOf(overlay.neighbours(sender));
    NetworkStats.Counters c = network.stats().channel(MessageChannel.CONSENSUS);
    assertThat(c.messagesDropped(DropReason.NOT_CONNECTED)).isEqualTo(1);
    assertThat(c.bytesDropped(DropReason.NOT_CONNECTED)).isEqualTo(1);
  }

  @Test
  void anUplinkSerialisesWhatItsNodeSendsAtTheConfiguredRate() {
    List<NodeId> ids = nodes(2);
    // one region, 1 ms one way, 8 Mbit/s = 1 byte per microsecond
    RegionalLinkDelay model =
        new RegionalLinkDelay(
            List.of(new RegionalLinkDelay.Region("here", 1)), new double[][] {{1}}, ids, 8);
    int bytes = 10_000 - RegionalLinkDelay.OVERHEAD_BYTES;
    Random random = new Random(2);

    long first = model.delayMicros(ids.get(0), ids.get(1), bytes, 0, random);
    long second = model.delayMicros(ids.get(0), ids.get(1), bytes, 0, random);
    long otherSender = model.delayMicros(ids.get(1), ids.get(0), bytes, 0, random);

    // each 10,000-byte message occupies the uplink for 10 ms; the second waits for the first
    assertThat(first).isGreaterThanOrEqualTo(10_000);
    assertThat(second).isGreaterThanOrEqualTo(20_000);
    assertThat(otherSender).isLessThan(second);
  }

  @Test
  void theWanPlacesNodesByShareAndFarRegionsAreSlower() {
    List<NodeId> ids = nodes(100);
    RegionalLinkDelay wan = RegionalLinkDelay.wan(ids, 1_000);
    Map<String, Integer> count = new HashMap<>();
    for (NodeId id : ids) {
      count.merge(wan.regionOf(id), 1, Integer::sum);
    }
    assertThat(count)
        .containsEntry("north-america", 35)
        .containsEntry("europe", 35)
        .containsEntry("asia", 20)
        .containsEntry("south-america", 5)
        .containsEntry("oceania", 5);

    NodeId europe = ids.get(40);
    NodeId otherEurope = ids.get(50);
    NodeId southAmerica = ids.get(92);
    Random random = new Random(4);
    long near = 0;
    long far = 0;
    for (int i = 0; i < 200; i++) {
      near += wan.delayMicros(europe, otherEurope, 100, i * 1_000_000L, random);
      far += wan.delayMicros(europe, southAmerica, 100, i * 1_000_000L, random);
    }
    assertThat(far).isGreaterThan(5 * near);
  }
}

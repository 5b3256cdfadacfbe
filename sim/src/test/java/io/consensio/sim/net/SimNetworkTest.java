package io.consensio.sim.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.types.NodeId;
import io.consensio.runtime.net.MessageChannel;
import io.consensio.runtime.net.PeerMessenger;
import io.consensio.sim.net.NetworkStats.DropReason;
import io.consensio.sim.time.EventQueue;
import io.consensio.sim.time.SimScheduler;
import io.consensio.sim.trace.TraceRecorder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SimNetworkTest {
  private static final NodeId A = NodeId.of("a");
  private static final NodeId B = NodeId.of("b");
  private static final NodeId C = NodeId.of("c");

  /** A three-node network with received messages recorded as "from>to:payload@micros". */
  private static final class Fixture {
    final EventQueue queue = new EventQueue();
    final TraceRecorder trace = new TraceRecorder();
    final SimNetwork network;
    final Map<NodeId, SimScheduler> schedulers = new HashMap<>();
    final Map<NodeId, PeerMessenger> messengers = new HashMap<>();
    final List<String> received = new ArrayList<>();
    final List<byte[]> receivedArrays = new ArrayList<>();

    Fixture(NetworkModel model, long seed) {
      network = new SimNetwork(model, new Random(seed), trace);
      for (NodeId id : List.of(A, B, C)) {
        SimScheduler scheduler = new SimScheduler(id, queue, trace);
        schedulers.put(id, scheduler);
        messengers.put(id, network.register(id, scheduler));
        network.setHandler(
            id,
            (from, channel, payload) -> {
              received.add(from + ">" + id + ":" + payload[0] + "@" + queue.nowMicros());
              receivedArrays.add(payload);
            });
      }
    }

    void send(NodeId from, NodeId to, int value) {
      messengers.get(from).send(to, MessageChannel.CONSENSUS, new byte[] {(byte) value, 0, 0});
    }
  }

  private static NetworkModel fixed(long micros) {
    return NetworkModel.reliable(LatencyModel.fixed(micros));
  }

  @Test
  void deliversAfterTheLatencyToTheRecipientsHandler() {
    Fixture f = new Fixture(fixed(700), 1);

    f.send(A, B, 5);
    f.queue.runUntil(699);
    assertThat(f.received).isEmpty();
    f.queue.runUntil(10_000);

    assertThat(f.received).containsExactly("a>b:5@700");
    NetworkStats.Counters consensus = f.network.stats().channel(MessageChannel.CONSENSUS);
    assertThat(consensus.messagesSent()).isEqualTo(1);
    assertThat(consensus.bytesSent()).isEqualTo(3);
    assertThat(consensus.messagesDelivered()).isEqualTo(1);
    assertThat(consensus.bytesDelivered()).isEqualTo(3);
    assertThat(f.network.stats().channel(MessageChannel.TRANSACTIONS).messagesSent()).isZero();
  }

  @Test
  void broadcastReachesEveryOtherMemberButNotTheSender() {
    Fixture f = new Fixture(fixed(100), 1);

    f.messengers.get(A).broadcast(MessageChannel.TRANSACTIONS, new byte[] {9});
    f.queue.runUntil(1_000);

    assertThat(f.received).containsExactlyInAnyOrder("a>b:9@100", "a>c:9@100");
  }

  @Test
  void payloadsAreCopiedSoNobodyCanMutateAnotherPartysBytes() {
    Fixture f = new Fixture(fixed(100).withDuplication(1.0), 1);
    byte[] payload = {1, 2, 3};

    f.messengers.get(A).send(B, MessageChannel.CONSENSUS, payload);
    payload[0] = 99;
    f.queue.runUntil(50);
    f.queue.runUntil(1_000);

    assertThat(f.receivedArrays).hasSize(2);
    assertThat(f.receivedArrays.get(0)).containsExactly(1, 2, 3);
    f.receivedArrays.get(0)[1] = 42;
    assertThat(f.receivedArrays.get(1)).containsExactly(1, 2, 3);
  }

  @Test
  void symmetricPartitionDropsBetweenGroupsUntilHealed() {
    Fixture f = new Fixture(fixed(100), 1);
    f.network.partitions().partition(Map.of("left", Set.of(A), "right", Set.of(B, C)));

    f.send(A, B, 1);
    f.send(B, A, 2);
    f.send(B, C, 3);
    f.queue.runUntil(1_000);
    assertThat(f.received).containsExactly("b>c:3@100");

    f.network.partitions().heal();
    f.send(A, B, 4);
    f.queue.runUntil(2_000);
    assertThat(f.received).containsExactly("b>c:3@100", "a>b:4@1100");
    assertThat(
            f.network
                .stats()
                .channel(MessageChannel.CONSENSUS)
                .messagesDropped(DropReason.PARTITIONED))
        .isEqualTo(2);
  }

  @Test
  void oneWayBlockDropsOnlyOneDirection() {
    Fixture f = new Fixture(fixed(100), 1);
    // B cannot reach A; A still reaches B.
    f.network.partitions().blockOneWay(Set.of(B), Set.of(A));

    f.send(A, B, 1);
    f.send(B, A, 2);
    f.send(B, C, 3);
    f.queue.runUntil(1_000);

    assertThat(f.received).containsExactlyInAnyOrder("a>b:1@100", "b>c:3@100");
  }

  @Test
  void crashedRecipientsLoseMessagesIncludingThoseInFlight() {
    Fixture f = new Fixture(fixed(1_000), 1);

    f.send(A, B, 1);
    f.queue.runUntil(500);
    f.schedulers.get(B).crash();
    f.send(A, B, 2);
    f.queue.runUntil(600);
    f.schedulers.get(B).restart();
    f.send(A, B, 3);
    f.queue.runUntil(10_000);

    assertThat(f.received).containsExactly("a>b:3@1600");
    assertThat(
            f.network
                .stats()
                .channel(MessageChannel.CONSENSUS)
                .messagesDropped(DropReason.RECIPIENT_DOWN))
        .isEqualTo(2);
  }

  @Test
  void pausedRecipientsReceiveOnResumeInArrivalOrder() {
    Fixture f = new Fixture(fixed(100), 1);
    f.schedulers.get(B).pause();

    f.send(A, B, 1);
    f.send(C, B, 2);
    f.queue.runUntil(5_000);
    assertThat(f.received).isEmpty();

    f.schedulers.get(B).resume();
    f.queue.runUntil(5_000);
    assertThat(f.received).containsExactly("a>b:1@5000", "c>b:2@5000");
  }

  @Test
  void sendsToUnknownPeersOrSelfAreDroppedAndCounted() {
    Fixture f = new Fixture(fixed(100), 1);

    f.send(A, NodeId.of("stranger"), 1);
    f.send(A, A, 2);
    f.queue.runUntil(1_000);

    assertThat(f.received).isEmpty();
    assertThat(f.network.stats().total().messagesDropped(DropReason.UNKNOWN_PEER)).isEqualTo(2);
  }

  @Test
  void lossAndDuplicationRatesMatchTheModel() {
    Fixture f = new Fixture(fixed(100).withLoss(0.1).withDuplication(0.05), 3);
    int messages = 20_000;

    for (int i = 0; i < messages; i++) {
      f.send(A, B, i);
    }
    f.queue.runUntil(1_000);

    NetworkStats.Counters c = f.network.stats().channel(MessageChannel.CONSENSUS);
    double lossRate = (double) c.messagesDropped(DropReason.LOST) / messages;
    double duplicateRate = (double) c.duplicated() / (messages - c.messagesDropped());
    assertThat(lossRate).isBetween(0.085, 0.115);
    assertThat(duplicateRate).isBetween(0.04, 0.06);
    assertThat(c.messagesDelivered()).isEqualTo(messages - c.messagesDropped() + c.duplicated());
    assertThat(f.received).hasSize((int) c.messagesDelivered());
  }

  @Test
  void reorderingLetsLaterMessagesOvertakeEarlierOnes() {
    Fixture inOrder = new Fixture(fixed(100), 5);
    Fixture reordered = new Fixture(fixed(100).withReordering(0.3, 5_000), 5);
    for (Fixture f : List.of(inOrder, reordered)) {
      for (int i = 0; i < 100; i++) {
        f.send(A, B, i);
        f.queue.runUntil(f.queue.nowMicros() + 10);
      }
      f.queue.runUntil(100_000);
    }

    assertThat(payloadOrder(inOrder)).isSorted();
    assertThat(payloadOrder(reordered)).hasSize(100).isNotEqualTo(payloadOrder(inOrder));
  }

  private static List<Integer> payloadOrder(Fixture f) {
    return f.receivedArrays.stream().map(p -> (int) p[0] & 0xFF).toList();
  }

  @Test
  void sameSeedGivesTheSameDeliveriesAndTraceAndAnotherSeedDoesNot() {
    NetworkModel model =
        NetworkModel.reliable(LatencyModel.logNormal(1_000, 20_000))
            .withLoss(0.1)
            .withDuplication(0.1)
            .withReordering(0.2, 10_000);
    Fixture first = runChatter(model, 11);
    Fixture second = runChatter(model, 11);
    Fixture other = runChatter(model, 12);

    assertThat(second.received).isEqualTo(first.received);
    assertThat(second.trace.traceHash()).isEqualTo(first.trace.traceHash());
    assertThat(other.received).isNotEqualTo(first.received);
    assertThat(other.trace.traceHash()).isNotEqualTo(first.trace.traceHash());
  }

  private static Fixture runChatter(NetworkModel model, long seed) {
    Fixture f = new Fixture(model, seed);
    for (int i = 0; i < 200; i++) {
      f.send(i % 2 == 0 ? A : B, i % 3 == 0 ? C : (i % 2 == 0 ? B : A), i);
      f.queue.runUntil(f.queue.nowMicros() + 500);
    }
    f.queue.runUntil(f.queue.nowMicros() + 1_000_000);
    return f;
  }
}

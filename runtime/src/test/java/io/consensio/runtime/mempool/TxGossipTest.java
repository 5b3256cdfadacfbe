package io.consensio.runtime.mempool;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.crypto.Ed25519KeyPair;
import io.consensio.api.crypto.Ed25519Verifier;
import io.consensio.api.services.Metrics;
import io.consensio.api.types.NodeId;
import io.consensio.api.types.Transaction;
import io.consensio.api.types.TxPayload;
import io.consensio.runtime.net.MessageChannel;
import io.consensio.runtime.net.PeerMessenger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Forwarded transactions are admitted a slice per event-loop task, in arrival order, so a large
 * batch never holds the loop for the whole of its signature checks; a backlog beyond its bound is
 * dropped and counted.
 */
class TxGossipTest {
  private static final NodeId PEER = NodeId.of("node-01");

  private final Ed25519KeyPair alice = MempoolImplTest.key(1);
  private final FakeLedgerState state = new FakeLedgerState();
  private final ManualScheduler scheduler = new ManualScheduler();
  private final List<Transaction> admitted = new ArrayList<>();
  private final Map<String, Long> counters = new HashMap<>();
  private final Metrics metrics =
      new Metrics() {
        @Override
        public void increment(String name, String... tags) {
          add(name, 1, tags);
        }

        @Override
        public void add(String name, long amount, String... tags) {
          counters.merge(name + String.join(",", tags), amount, Long::sum);
        }

        @Override
        public void record(String name, double value, String... tags) {}

        @Override
        public void gauge(String name, DoubleSupplier value, String... tags) {}
      };
  private final List<byte[]> sent = new ArrayList<>();
  private final PeerMessenger messenger =
      new PeerMessenger() {
        @Override
        public void send(NodeId to, MessageChannel channel, byte[] payload) {
          sent.add(payload);
        }

        @Override
        public void broadcast(MessageChannel channel, byte[] payload) {
          sent.add(payload);
        }
      };
  private final TxGossip gossip = new TxGossip(messenger, scheduler, metrics);
  private MempoolImpl pool;

  @BeforeEach
  void setUp() {
    state.set(alice.publicKey(), 1_000_000_000, 0);
    pool =
        new MempoolImpl(
            () -> state,
            Ed25519Verifier.INSTANCE,
            new ManualScheduler(),
            Metrics.NOOP,
            new MempoolConfig(100_000, 256L << 20, 100_000, 200_000),
            admitted::add,
            () -> {});
  }

  @Test
  void admitsAForwardedBatchOneSlicePerLoopTaskInArrivalOrder() {
    List<Transaction> batch = transactions(0, 300);

    gossip.onInbound(PEER, payloadOf(batch), pool);
    assertThat(admitted).isEqualTo(batch.subList(0, TxGossip.ADMIT_SLICE));
    assertThat(gossip.backlog()).isEqualTo(300 - TxGossip.ADMIT_SLICE);

    runNextTasks();
    assertThat(admitted).isEqualTo(batch.subList(0, 2 * TxGossip.ADMIT_SLICE));

    runNextTasks();
    assertThat(admitted).isEqualTo(batch);
    assertThat(gossip.backlog()).isZero();
    assertThat(scheduler.due).isEmpty();
  }

  @Test
  void aBatchArrivingMeanwhileWaitsBehindTheRestOfTheEarlierOne() {
    List<Transaction> first = transactions(0, 200);
    List<Transaction> second = transactions(200, 200);

    gossip.onInbound(PEER, payloadOf(first), pool);
    gossip.onInbound(PEER, payloadOf(second), pool);
    while (!scheduler.due.isEmpty()) {
      runNextTasks();
    }

    List<Transaction> all = new ArrayList<>(first);
    all.addAll(second);
    assertThat(admitted).isEqualTo(all);
  }

  @Test
  void dropsAndCountsABatchThatWouldOverflowTheBacklog() {
    int batches = TxGossip.MAX_BACKLOG / TxGossip.MAX_BATCH + 1;
    for (int b = 0; b < batches; b++) {
      gossip.onInbound(
          PEER, payloadOf(transactions((long) b * TxGossip.MAX_BATCH, TxGossip.MAX_BATCH)), pool);
    }

    assertThat(counters).containsEntry("gossip.droppedreason,backlog", (long) TxGossip.MAX_BATCH);
    assertThat(gossip.backlog())
        .isEqualTo((batches - 1) * (TxGossip.MAX_BATCH - TxGossip.ADMIT_SLICE));
  }

  @Test
  void dropsAMalformedBatchWhole() {
    gossip.onInbound(PEER, new byte[] {0, 0, 0, 5, 1, 2}, pool);

    assertThat(counters).containsEntry("gossip.malformed", 1L);
    assertThat(admitted).isEmpty();
    assertThat(gossip.backlog()).isZero();
  }

  /** Runs the tasks due now, as one turn of the event loop would, not those they schedule. */
  private void runNextTasks() {
    scheduler.runAll();
  }

  private List<Transaction> transactions(long firstNonce, int count) {
    List<Transaction> txs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      long nonce = firstNonce + i;
      byte[] key = {(byte) (nonce >>> 16), (byte) (nonce >>> 8), (byte) nonce};
      txs.add(Transaction.sign(alice, nonce, 1, new TxPayload.KvPut(key, new byte[] {1})));
    }
    return txs;
  }

  /**
   * What a peer's gossip puts on the wire for {@code txs}: one batch, flushed at its turn's end.
   */
  private byte[] payloadOf(List<Transaction> txs) {
    ManualScheduler senderLoop = new ManualScheduler();
    TxGossip sender = new TxGossip(messenger, senderLoop, Metrics.NOOP);
    sent.clear();
    txs.forEach(sender::forward);
    senderLoop.runAll();
    assertThat(sent).hasSize(1);
    return sent.get(0);
  }
}

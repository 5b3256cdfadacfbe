package io.consensio.runtime.transport;

import static io.consensio.runtime.transport.TestCluster.id;
import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.runtime.net.MessageChannel;
import io.consensio.runtime.transport.TestCluster.Node;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReconnectAndBackpressureTest {
  private final TestCluster cluster = new TestCluster(2);

  @AfterEach
  void tearDown() {
    cluster.close();
  }

  @Test
  void messagesFlowAgainAfterAPeerRestartsOnTheSamePortIncludingThoseSentWhileItWasDown() {
    Node node1 = cluster.start(cluster.config(id(1), List.of(id(2))));
    Node node2 = cluster.start(cluster.config(id(2), List.of(id(1))));
    node1.send(id(2), MessageChannel.CONSENSUS, "before");
    Await.until("node-2 gets 'before'", () -> node2.inbox().textsFrom(id(1)).contains("before"));

    node2.transport().close();
    Await.until("node-1 notices node-2 is gone", () -> !node1.transport().isConnected(id(2)));
    node1.send(id(2), MessageChannel.CONSENSUS, "while down 1");
    node1.send(id(2), MessageChannel.TRANSACTIONS, "while down 2");

    Node restarted = cluster.start(cluster.config(id(2), List.of(id(1))));
    restarted.send(id(1), MessageChannel.CONSENSUS, "back");

    Await.until(
        "the restarted node-2 gets what was queued for it",
        () -> restarted.inbox().textsFrom(id(1)).size() == 2,
        () -> restarted.inbox().all().toString());
    assertThat(restarted.inbox().textsFrom(id(1))).containsExactly("while down 1", "while down 2");
    Await.until("node-1 gets 'back'", () -> node1.inbox().textsFrom(id(2)).contains("back"));
    node1.send(id(2), MessageChannel.CONSENSUS, "after");
    Await.until(
        "the restarted node-2 gets 'after'",
        () -> restarted.inbox().textsFrom(id(1)).contains("after"));
  }

  @Test
  void whileAPeerIsDownTheQueueKeepsOnlyTheNewestMessagesAndCountsTheRest() {
    int bound = 10;
    Node node1 =
        cluster.start(
            cluster
                .config(id(1), List.of(id(2)))
                .withOutboundQueue(1024 * 1024, bound)
                .withReconnectBackoff(Duration.ofMillis(10), Duration.ofMillis(50)));

    for (int i = 0; i < 100; i++) {
      node1.send(id(2), MessageChannel.CONSENSUS, "m" + i);
    }

    assertThat(node1.transport().queuedMessages(id(2))).isEqualTo(bound);
    assertThat(node1.metrics().count(TransportMetrics.DROPPED, "reason", "queue-full"))
        .isEqualTo(90);

    Node node2 = cluster.start(cluster.config(id(2), List.of(id(1))));
    Await.until(
        "node-2 gets the queued messages once it is up",
        () -> node2.inbox().all().size() == bound,
        () -> node2.inbox().all().toString());
    assertThat(node2.inbox().textsFrom(id(1)))
        .containsExactlyElementsOf(IntStream.range(90, 100).mapToObj(i -> "m" + i).toList());
  }

  @Test
  void aPeerThatNeverReadsCausesBoundedQueueingWithDropsInsteadOfGrowth() throws Exception {
    long queueBytes = 256 * 1024;
    int messageBytes = 16 * 1024;
    ExecutorService acceptor = Executors.newSingleThreadExecutor();
    try (ServerSocket server = new ServerSocket()) {
      server.setReceiveBufferSize(4096);
      server.bind(new InetSocketAddress("127.0.0.1", 0));
      // A real member (it holds node-2's key) that authenticates and then never reads again.
      Future<Socket> stalled =
          acceptor.submit(
              () -> {
                Socket socket = server.accept();
                RawPeer.wrap(socket).authenticateAsAcceptor(id(2), cluster.keys.get(id(2)));
                return socket;
              });
      TransportConfig config =
          TransportConfig.of(
                  id(1),
                  "127.0.0.1",
                  0,
                  Map.of(id(2), new InetSocketAddress("127.0.0.1", server.getLocalPort())),
                  TestCluster.NETWORK,
                  TestCluster.CONSENSUS)
              .withOutboundQueue(queueBytes, 100_000);
      Node node1 = cluster.start(config, cluster.keys.get(id(1)), cluster.membership);
      Await.until("node-1 connects", () -> node1.transport().isConnected(id(2)));

      // Send one message at a time until the kernel's and Netty's buffers are full and messages
      // stop leaving the queue: from then on the peer's refusal to read is all that holds them.
      int sent = 0;
      while (drainsSoon(node1)) {
        node1.transport().send(id(2), MessageChannel.CONSENSUS, new byte[messageBytes]);
        sent++;
        assertThat(sent).as("buffers never filled up").isLessThan(10_000);
      }
      assertThat(node1.metrics().count(TransportMetrics.DROPPED, "reason", "queue-full")).isZero();

      int extra = 500; // 8 MiB, thirty-two times the queue bound
      for (int i = 0; i < extra; i++) {
        node1.transport().send(id(2), MessageChannel.CONSENSUS, new byte[messageBytes]);
        assertThat(node1.transport().queuedBytes(id(2))).isLessThanOrEqualTo(queueBytes);
      }

      assertThat(node1.transport().queuedBytes(id(2))).isEqualTo(queueBytes);
      assertThat(node1.metrics().count(TransportMetrics.DROPPED, "reason", "queue-full"))
          .as("nearly everything beyond the bound was dropped")
          .isGreaterThan(extra - queueBytes / messageBytes - 100);
      assertThat(node1.transport().isConnected(id(2))).isTrue();
      stalled.get().close();
    } finally {
      acceptor.shutdownNow();
    }
  }

  @Test
  void aNodeThatFallsBehindStopsReadingSoItsBacklogStaysBoundedAndNothingIsLostUncounted()
      throws Exception {
    long inboundLimit = 256 * 1024;
    int messageBytes = 16 * 1024;
    Node node2 =
        cluster.start(cluster.config(id(2), List.of(id(1))).withInboundPendingBytes(inboundLimit));
    Node node1 =
        cluster.start(
            cluster.config(id(1), List.of(id(2))).withOutboundQueue(1024 * 1024, 100_000));
    Await.until("node-1 connects", () -> node1.transport().isConnected(id(2)));
    CountDownLatch gate = new CountDownLatch(1);
    node2.loop().execute(() -> awaitQuietly(gate)); // node-2's event loop is now busy

    int sent = 0;
    while (drainsSoon(node1)) {
      node1.transport().send(id(2), MessageChannel.CONSENSUS, new byte[messageBytes]);
      sent++;
      assertThat(sent).as("node-2 never pushed back").isLessThan(10_000);
    }

    // Overshoot: what node-2 had already read when it paused (one 64 KiB read plus a frame).
    assertThat(node2.transport().inboundPendingBytes())
        .isGreaterThan(inboundLimit)
        .isLessThanOrEqualTo(inboundLimit + 64 * 1024 + messageBytes);
    assertThat(node2.metrics().count(TransportMetrics.INBOUND_PAUSED)).isPositive();

    gate.countDown();
    int delivered = sent;
    Await.until(
        "node-2 catches up",
        () ->
            node2.inbox().all().size()
                == delivered
                    - node1.metrics().count(TransportMetrics.DROPPED, "reason", "queue-full"));
    assertThat(node2.transport().inboundPendingBytes()).isZero();
  }

  private static void awaitQuietly(CountDownLatch gate) {
    try {
      gate.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Whether the queue to node-2 empties within a second (it does at once while buffers have room).
   */
  private static boolean drainsSoon(Node node) throws InterruptedException {
    long deadline = System.nanoTime() + 1_000_000_000L;
    while (node.transport().queuedMessages(id(2)) > 0) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(1);
    }
    return true;
  }
}

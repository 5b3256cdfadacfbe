package io.consensio.pbft;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.types.Block;
import io.consensio.api.types.NodeId;
import io.consensio.pbft.harness.Cluster;
import io.consensio.pbft.harness.Cluster.Envelope;
import io.consensio.pbft.messages.MessageCodec;
import io.consensio.pbft.messages.PbftMessage;
import io.consensio.pbft.messages.StateResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * STATE-RESPONSE stays under its byte budget (so under the transport's frame limit), and a catch-up
 * that needs more blocks than one response may carry completes over several responses.
 */
class StateResponseBudgetTest {
  private static final NodeId NODE3 = NodeId.of("node-3");

  /** Encoded size and block count of one STATE-RESPONSE seen on the wire. */
  private record Seen(int bytes, int blocks) {}

  private static PbftConfig withBudget(int budget) {
    PbftConfig c = Cluster.config(4, 5, 4);
    return new PbftConfig(
        c.f(),
        c.checkpointInterval(),
        c.watermarkWindow(),
        c.requestTimeoutMillis(),
        c.viewChangeTimeoutMillis(),
        c.maxBatchTxs(),
        c.maxBatchBytes(),
        c.maxInflight(),
        c.statusIntervalMillis(),
        budget,
        c.authentication());
  }

  /** Runs the lagging-replica scenario and returns every STATE-RESPONSE sent to node-3. */
  private static List<Seen> catchUp(Cluster cluster) {
    cluster.submit(120);
    cluster.deliverAll(Cluster.isolating(NODE3), Function.identity());
    assertThat(cluster.node(3).height()).isZero();
    List<Seen> seen = new ArrayList<>();
    Function<Envelope, Envelope> spy =
        e -> {
          PbftMessage m = MessageCodec.decode(e.payload()).message();
          if (m instanceof StateResponse r && e.to().equals(NODE3)) {
            seen.add(new Seen(e.payload().length, r.blocks().size()));
          }
          return e;
        };
    cluster.submit(50);
    cluster.deliverAll(e -> false, spy);
    return seen;
  }

  private static void assertCaughtUpConsistently(Cluster cluster) {
    Cluster.Node lagging = cluster.node(3);
    assertThat(lagging.metrics.count("pbft.state_transfer.completed")).isPositive();
    assertThat(lagging.height()).isGreaterThanOrEqualTo(15);
    List<Block> reference = cluster.node(0).finalChain();
    List<Block> caughtUp = lagging.finalChain();
    assertThat(caughtUp.stream().map(Block::id).toList())
        .isEqualTo(reference.subList(0, caughtUp.size()).stream().map(Block::id).toList());
    ClusterAssertions.assertNoHandlerErrors(cluster);
  }

  @Test
  void catchUpAcrossMoreBlocksThanFitInOneResponseCompletesWithinTheBudget() {
    int budget = 8 * 1024;
    Cluster cluster = new Cluster(4, withBudget(budget));

    List<Seen> responses = catchUp(cluster);

    assertCaughtUpConsistently(cluster);
    int delivered = responses.stream().mapToInt(Seen::blocks).sum();
    assertThat(delivered).isGreaterThanOrEqualTo(15);
    assertThat(responses).allSatisfy(r -> assertThat(r.bytes()).isLessThanOrEqualTo(budget));
    // More than one response was needed, and the budget (not the block limit) cut them short.
    assertThat(responses.size()).isGreaterThan(1);
    assertThat(responses).allSatisfy(r -> assertThat(r.blocks()).isLessThan(delivered));
    assertThat(
            cluster.node(0).metrics.count("pbft.state_transfer.response_truncated")
                + cluster.node(1).metrics.count("pbft.state_transfer.response_truncated")
                + cluster.node(2).metrics.count("pbft.state_transfer.response_truncated"))
        .isPositive();
  }

  @Test
  void aBudgetBelowOneBlockStillSendsOneBlockPerResponse() {
    Cluster cluster = new Cluster(4, withBudget(1024));

    List<Seen> responses = catchUp(cluster);

    assertCaughtUpConsistently(cluster);
    assertThat(responses).isNotEmpty().allSatisfy(r -> assertThat(r.blocks()).isEqualTo(1));
    assertThat(responses).allSatisfy(r -> assertThat(r.bytes()).isGreaterThan(1024));
  }
}

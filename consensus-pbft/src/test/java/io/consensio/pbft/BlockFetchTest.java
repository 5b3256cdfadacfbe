package io.consensio.pbft;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.types.Block;
import io.consensio.api.types.Hash;
import io.consensio.api.types.NodeId;
import io.consensio.api.types.Transaction;
import io.consensio.pbft.harness.Cluster;
import io.consensio.pbft.harness.Cluster.Envelope;
import io.consensio.pbft.harness.Cluster.Node;
import io.consensio.pbft.messages.BlockResponse;
import io.consensio.pbft.messages.MessageCodec;
import io.consensio.pbft.messages.MessageType;
import io.consensio.pbft.messages.NewView;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * VIEW-CHANGE and NEW-VIEW carry block headers only (TOCS'02 §4.4), so a replica that lacks a
 * re-proposed block fetches it by (n, d) with BLOCK-REQUEST, retransmitted on the tick, and checks
 * the BLOCK-RESPONSE against d.
 */
class BlockFetchTest {
  private static final NodeId NODE0 = NodeId.of("node-0");

  private static Predicate<Envelope> to(int replica, MessageType type) {
    return e -> e.to().value().equals("node-" + replica) && ViewChangeClusterTest.typeOf(e) == type;
  }

  /**
   * Proposes one block in view 0 that prepares at every replica but {@code without}, which never
   * sees its PRE-PREPARE, and commits nowhere. Returns the block.
   */
  private static Block preparedWithout(Cluster cluster, int without, List<Transaction> txs) {
    cluster.deliverAll(
        to(without, MessageType.PRE_PREPARE).or(ViewChangeClusterTest.commitsOfViewZero()),
        Function.identity());
    int holder = without == 1 ? 2 : 1;
    Hash d =
        new ReplicaStore(cluster.node(holder).store)
            .prePrepares().stream().filter(pp -> pp.seq() == 1).findFirst().orElseThrow().digest();
    Block block = cluster.node(holder).chain.block(d).orElseThrow();
    assertThat(block.transactions()).containsExactlyElementsOf(txs);
    assertThat(cluster.node(without).chain.contains(d)).as("never got the body").isFalse();
    return block;
  }

  private static boolean holds(byte[] haystack, byte[] needle) {
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      if (java.util.Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
        return true;
      }
    }
    return false;
  }

  @Test
  void backupThatNeverGotABlockLearnsItFromNewViewAndFetchesItEvenAcrossARestart() {
    Cluster cluster = new Cluster(4, Cluster.config(4, 50, 4));
    List<Transaction> txs = cluster.submit(5);
    Block block = preparedWithout(cluster, 3, txs);
    Node node3 = cluster.node(3);

    // node-0 falls silent and view 1 starts. node-3 gets no PRE-PREPARE (so retransmission cannot
    // bring it the block) and, for now, no BLOCK-RESPONSE either.
    List<byte[]> newViewsToNode3 = new ArrayList<>();
    Predicate<Envelope> noBodyForNode3 =
        to(3, MessageType.PRE_PREPARE).or(to(3, MessageType.BLOCK_RESPONSE));
    Predicate<Envelope> base =
        Cluster.isolating(NODE0).or(ViewChangeClusterTest.commitsOfViewZero());
    cluster.run(
        2_000,
        100,
        e -> {
          if (to(3, MessageType.NEW_VIEW).test(e)) {
            newViewsToNode3.add(e.payload());
          }
          return base.or(noBodyForNode3).test(e);
        });

    // View 1 cannot prepare the block without node-3, so further view changes may follow; each
    // NEW-VIEW re-proposes it by header.
    assertThat(node3.metrics.count("pbft.view_changes.installed")).isPositive();
    assertThat(newViewsToNode3).isNotEmpty();
    for (byte[] payload : newViewsToNode3) {
      NewView nv = (NewView) MessageCodec.decode(payload).message();
      assertThat(nv.proposals()).containsExactly(block.header());
      assertThat(holds(payload, txs.get(0).encode()))
          .as("the NEW-VIEW carries the header, not the transactions")
          .isFalse();
    }
    assertThat(node3.metrics.count("pbft.sent", "type=block-request"))
        .as("asked, and asked again on the tick")
        .isGreaterThanOrEqualTo(2);
    assertThat(new ReplicaStore(node3.store).assigned())
        .as("the slot is persisted without its body")
        .extracting(ReplicaStore.PrePrepareRef::digest)
        .contains(block.id());
    for (Node n : cluster.nodes()) {
      assertThat(n.height()).as("no quorum prepares without node-3").isZero();
    }

    cluster.crash(3);
    cluster.restart(3);
    // Well within a request timeout: what it restored, not a further view change, brings the block.
    cluster.run(500, 100, base.or(to(3, MessageType.PRE_PREPARE)));

    assertThat(node3.metrics.count("pbft.bodies.fetched")).isEqualTo(1);
    for (Node n : cluster.nodes().subList(1, 4)) {
      assertThat(n.finalChain()).extracting(Block::id).containsExactly(block.id());
    }
    ClusterAssertions.assertNoConflictingCommits(cluster.nodes());
    ClusterAssertions.assertNoHandlerErrors(cluster);
  }

  @Test
  void newPrimaryThatLacksAPreparedBlockFetchesItBeforeSendingNewView() {
    Cluster cluster = new Cluster(4, Cluster.config(4, 50, 4));
    List<Transaction> txs = cluster.submit(5);
    Block block = preparedWithout(cluster, 1, txs);
    Node node1 = cluster.node(1);

    cluster.run(
        2_000,
        100,
        Cluster.isolating(NODE0)
            .or(ViewChangeClusterTest.commitsOfViewZero())
            .or(to(1, MessageType.PRE_PREPARE)));

    assertThat(node1.metrics.count("pbft.bodies.fetched")).isEqualTo(1);
    for (Node n : cluster.nodes().subList(1, 4)) {
      assertThat(n.engine.status().round()).isEqualTo(1);
      assertThat(n.finalChain()).extracting(Block::id).containsExactly(block.id());
    }
    ClusterAssertions.assertNoHandlerErrors(cluster);
  }

  @Test
  void aResponseThatIsNotTheRequestedBlockIsDroppedAndCounted() {
    Cluster cluster = new Cluster(4, Cluster.config(4, 50, 4));
    Node node = cluster.node(3);
    Node p = cluster.node(0);
    Block wanted =
        p.chain.buildBlock(
            p.chain.genesis().id(), List.of(cluster.nextTx()), 5_000, p.key.publicKey());
    Block other =
        p.chain.buildBlock(
            p.chain.genesis().id(), List.of(cluster.nextTx()), 5_001, p.key.publicKey());
    BlockFetcher fetcher =
        new BlockFetcher(node, new Outbox(node, Optional.empty()), new LedgerBodies(node.chain));

    assertThat(fetcher.want(1, wanted.id())).isFalse();
    assertThat(fetcher.onResponse(new BlockResponse(1, other))).contains("unsolicited-block");
    Block swappedBody = new Block(wanted.header(), other.transactions());
    assertThat(fetcher.onResponse(new BlockResponse(1, swappedBody))).contains("malformed-block");
    assertThat(fetcher.onResponse(new BlockResponse(2, wanted))).contains("height-mismatch");
    assertThat(fetcher.body(1, wanted.id())).isEmpty();

    assertThat(fetcher.onResponse(new BlockResponse(1, wanted))).isEmpty();
    assertThat(fetcher.body(1, wanted.id())).contains(wanted);
    assertThat(fetcher.outstanding()).isZero();
  }
}

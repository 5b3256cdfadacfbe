package io.consensio.pbft;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.types.Block;
import io.consensio.api.types.BlockHeader;
import io.consensio.api.types.Hash;
import io.consensio.api.types.NodeId;
import io.consensio.pbft.harness.Cluster;
import io.consensio.pbft.harness.Cluster.Envelope;
import io.consensio.pbft.harness.Cluster.Node;
import io.consensio.pbft.messages.Commit;
import io.consensio.pbft.messages.MessageCodec;
import io.consensio.pbft.messages.MessageType;
import io.consensio.pbft.messages.NewView;
import io.consensio.pbft.messages.PbftMessage;
import io.consensio.pbft.messages.PrePrepare;
import io.consensio.pbft.messages.Prepare;
import io.consensio.pbft.messages.Signed;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Byzantine primaries and replicas (OSDI'99 §4): they may stall progress but never split it. */
class ByzantineClusterTest {
  static final NodeId NODE0 = NodeId.of("node-0");

  private static <T extends PbftMessage> Envelope resigned(Envelope e, int signer, T message) {
    NodeId id = NodeId.of("node-" + signer);
    return new Envelope(e.from(), e.to(), Signed.sign(message, id, Cluster.keyOf(signer)).encode());
  }

  /**
   * The primary sends its real pre-prepare for seq 1 to the replicas in {@code real} and a
   * different, equally valid block to the others.
   */
  private static Function<Envelope, Envelope> equivocate(Cluster cluster, List<String> real) {
    Node p = cluster.node(0);
    AtomicReference<Block> other = new AtomicReference<>();
    return e -> {
      PbftMessage m = MessageCodec.decode(e.payload()).message();
      if (e.from().equals(NODE0) && m instanceof PrePrepare pp && !real.contains(e.to().value())) {
        if (other.get() == null) {
          other.set(
              p.chain.buildBlock(
                  pp.block().parent(), List.of(cluster.nextTx()), 99_999, p.key.publicKey()));
        }
        Block alt = other.get();
        return resigned(e, 0, new PrePrepare(pp.view(), pp.seq(), alt.id(), alt));
      }
      return e;
    };
  }

  @Test
  void equivocatingPrimaryCannotGetItsSecondBlockCommittedByTheMinority() {
    Cluster cluster = new Cluster(4, Cluster.config(4, 50, 1));
    cluster.submit(3);
    cluster.deliverAll(e -> false, equivocate(cluster, List.of("node-1", "node-2")));
    Block real = cluster.node(1).chain.finalizedHead();
    assertThat(real.height()).isEqualTo(1);
    assertThat(cluster.node(2).chain.finalizedHead().id()).isEqualTo(real.id());
    assertThat(cluster.node(3).height())
        .as("node-3 got the other block: it cannot commit")
        .isZero();
    ClusterAssertions.assertNoConflictingCommits(cluster.nodes().subList(1, 4));
  }

  @Test
  void equivocatingPrimaryThatSplitsTheBackupsIsReplacedAndViewOneOrdersConsistently() {
    Cluster cluster = new Cluster(4, Cluster.config(4, 50, 1));
    List<Node> honest = cluster.nodes().subList(1, 4);
    cluster.submit(3);
    cluster.deliverAll(e -> false, equivocate(cluster, List.of("node-1")));
    honest.forEach(n -> assertThat(n.height()).as("no quorum for either block").isZero());

    cluster.run(3_000, 100, Cluster.isolating(NODE0));
    ClusterAssertions.assertNoConflictingCommits(honest);
    for (Node n : honest) {
      assertThat(n.engine.status().round()).isEqualTo(1);
      assertThat(n.mempool.size()).as("all transactions executed on %s", n.id).isZero();
      assertThat(n.height()).isEqualTo(honest.get(0).height());
    }
    ClusterAssertions.assertNoHandlerErrors(cluster);
  }

  @Test
  void replicaSendingWrongDigestsReplaysAndForgeriesGetsNothingAccepted() {
    Cluster cluster = new Cluster(4, Cluster.config(4, 50, 4));
    NodeId liar = NodeId.of("node-3");
    Hash bogus = Hash.sha256("bogus".getBytes());
    List<Envelope> recorded = new ArrayList<>();
    // node-3's prepares and commits name a digest nobody proposed; it also forges node-2's prepare.
    Function<Envelope, Envelope> lie =
        e -> {
          if (!e.from().equals(liar)) {
            return e;
          }
          PbftMessage m = MessageCodec.decode(e.payload()).message();
          if (m instanceof Prepare p) {
            return resigned(e, 3, new Prepare(p.view(), p.seq(), bogus));
          }
          if (m instanceof Commit c) {
            return resigned(e, 3, new Commit(c.view(), c.seq(), bogus));
          }
          return e;
        };
    cluster.submit(20);
    cluster.deliverAll(
        e -> false,
        e -> {
          recorded.add(e);
          return lie.apply(e);
        });
    // f = 1 liar: the other three still commit both blocks.
    for (Node n : cluster.nodes().subList(0, 3)) {
      assertThat(n.height()).isEqualTo(2);
    }
    // A prepare from node-3 naming node-2 as sender, signed with node-3's key.
    Prepare prepare = new Prepare(0, 3, bogus);
    byte[] forged =
        new Signed<>(
                prepare,
                NodeId.of("node-2"),
                Cluster.keyOf(3).sign(Signed.signingBytes(prepare, NodeId.of("node-2"))))
            .encode();
    cluster.node(1).engine.onMessage(liar, forged);
    cluster.node(1).engine.onMessage(NodeId.of("node-2"), forged);
    assertThat(cluster.node(1).metrics.count("pbft.dropped", "reason=sender-mismatch"))
        .isEqualTo(1);
    assertThat(cluster.node(1).metrics.count("pbft.dropped", "reason=bad-signature")).isEqualTo(1);

    // Move everyone to view 1, then node-3 replays its recorded view-0 messages: all are stale.
    cluster.run(1_000, 100, Cluster.isolating(NODE0));
    cluster.submit(10);
    cluster.run(1_000, 100, Cluster.isolating(NODE0));
    Node node1 = cluster.node(1);
    assertThat(node1.engine.status().round()).isEqualTo(1);
    long staleBefore = node1.metrics.count("pbft.dropped", "reason=stale-view");
    long heightBefore = node1.height();
    int replayed = 0;
    for (Envelope e : recorded) {
      if (e.to().equals(node1.id) && !e.from().equals(NODE0)) {
        MessageType t = MessageCodec.decode(e.payload()).message().type();
        if (t == MessageType.PREPARE || t == MessageType.COMMIT || t == MessageType.PRE_PREPARE) {
          cluster.deliver(e);
          replayed++;
        }
      }
    }
    assertThat(replayed).isPositive();
    assertThat(node1.metrics.count("pbft.dropped", "reason=stale-view") - staleBefore)
        .isEqualTo(replayed);
    assertThat(node1.height()).isEqualTo(heightBefore);
    ClusterAssertions.assertNoConflictingCommits(cluster.nodes().subList(0, 3));
    ClusterAssertions.assertNoHandlerErrors(cluster);
  }

  @Test
  void newViewWithAWronglyComputedOIsRejected() {
    Cluster cluster = new Cluster(4, Cluster.config(4, 50, 4));
    Block prepared = ViewChangeClusterTest.commitTwoThenPrepareAThird(cluster);
    // Hold back node-1's NEW-VIEW so that we can tamper with it.
    List<Envelope> newViews = new ArrayList<>();
    cluster.run(
        1_000,
        100,
        e -> {
          if (e.from().equals(NODE0)
              || e.to().equals(NODE0)
              || ViewChangeClusterTest.commitsOfViewZero().test(e)) {
            return true;
          }
          if (ViewChangeClusterTest.typeOf(e) == MessageType.NEW_VIEW) {
            newViews.add(e);
            return true;
          }
          return false;
        });
    Envelope toNode2 =
        newViews.stream().filter(e -> e.to().value().equals("node-2")).findFirst().orElseThrow();
    NewView valid = (NewView) MessageCodec.decode(toNode2.payload()).message();
    // O covers (min-s, max-s] = 1..3: the two committed blocks and the prepared one, re-proposed.
    List<BlockHeader> o = valid.proposals();
    assertThat(o).hasSize(3);
    assertThat(o.get(2).id()).isEqualTo(prepared.id());
    assertThat(o.get(2)).as("O carries the header, not the block").isEqualTo(prepared.header());

    Node node1 = cluster.node(1);
    Node node2 = cluster.node(2);
    // (a) the prepared block replaced by a null block: the primary would drop a prepared request.
    Block nullBlock =
        node1.chain.buildBlock(prepared.parent(), List.of(), 77_777, node1.key.publicKey());
    // (b) O without its entry; (c) O with an extra entry beyond max-s.
    Block beyond = node1.chain.buildBlock(prepared.id(), List.of(), 88_888, node1.key.publicKey());
    List<List<BlockHeader>> wrongOs =
        List.of(
            List.of(o.get(0), o.get(1), nullBlock.header()),
            List.of(o.get(0), o.get(1)),
            List.of(o.get(0), o.get(1), o.get(2), beyond.header()));
    for (List<BlockHeader> wrong : wrongOs) {
      byte[] bad =
          Signed.sign(new NewView(1, valid.viewChanges(), wrong), node1.id, node1.key).encode();
      node2.engine.onMessage(node1.id, bad);
      assertThat(node2.engine.status().role()).isEqualTo("view-changing");
    }
    assertThat(node2.metrics.count("pbft.dropped", "type=new-view")).isEqualTo(3);
    // (d) V with fewer than 2f+1 view-change messages.
    byte[] thin =
        Signed.sign(
                new NewView(1, valid.viewChanges().subList(0, 2), valid.proposals()),
                node1.id,
                node1.key)
            .encode();
    node2.engine.onMessage(node1.id, thin);
    assertThat(node2.metrics.count("pbft.dropped", "reason=too-few-view-changes")).isEqualTo(1);

    // The untampered NEW-VIEW is accepted and the prepared block commits at seq 3.
    cluster.deliver(toNode2);
    assertThat(node2.engine.status().role()).isEqualTo("backup");
    newViews.stream().filter(e -> !e.to().equals(NODE0)).forEach(cluster::deliver);
    cluster.run(500, 100, Cluster.isolating(NODE0));
    assertThat(node2.chain.canonicalAt(3).orElseThrow().id()).isEqualTo(prepared.id());
  }
}

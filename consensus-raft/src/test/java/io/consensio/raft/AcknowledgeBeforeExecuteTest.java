package io.consensio.raft;

import static io.consensio.raft.RaftCluster.from;
import static io.consensio.raft.RaftCluster.ofType;
import static io.consensio.raft.RaftCluster.to;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.primitives.Bytes;
import io.consensio.api.crypto.Ed25519Verifier;
import io.consensio.api.types.Block;
import io.consensio.api.types.Transaction;
import io.consensio.raft.harness.Envelope;
import io.consensio.raft.messages.RaftMessage.AppendEntries;
import io.consensio.raft.messages.RaftMessage.AppendResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A follower acknowledges an append once the entries are stored and executes their blocks
 * afterwards (paper §5.3: an entry is committed once a majority stores it; Figure 2: applying is
 * the separate lastApplied step). These are the regression tests of the two ways that went wrong
 * when this was first tried: a follower stayed at height 0 forever with blocks it had acknowledged.
 */
class AcknowledgeBeforeExecuteTest {

  /**
   * Log Matching (paper §5.3) identifies an entry by its term and index, so a follower may store
   * only the leader's exact entry: a copy whose transaction signature was damaged has the same
   * term, index and block id. Stored and acknowledged, it made the follower take the genuine copy
   * for a duplicate and left it unable ever to execute the block (the campaign's seeds 38, 44, 74).
   */
  @Test
  void aDamagedCopyOfAnEntryIsRefusedBeforeItIsStoredAndTheGenuineCopyIsApplied() {
    RaftCluster c = RaftCluster.of(3, 11).start();
    c.nodes().forEach(n -> n.chain.verifySignaturesWith(Ed25519Verifier.INSTANCE));
    RaftNode leader = c.awaitLeader(2_000);
    RaftNode follower = c.nodes().stream().filter(n -> n != leader).findFirst().orElseThrow();
    String f = follower.id.value();
    c.autoDeliver = false;
    Transaction tx = RaftCluster.tx(5);
    c.submit(leader.id.value(), tx);
    Envelope genuine =
        c.pending().stream()
            .filter(from(leader.id.value()).and(to(f)).and(ofType(AppendEntries.class)))
            .filter(e -> carriesBlock(e))
            .findFirst()
            .orElseThrow();
    long blockIndex = blockEntryIndex(genuine);
    long lastIndexBefore = follower.engine().log().lastIndex();

    c.deliver(withSignatureBitFlipped(genuine, tx));

    assertThat(follower.engine().log().lastIndex())
        .as("the damaged copy is not stored")
        .isEqualTo(lastIndexBefore);
    assertThat(c.pending().stream().filter(from(f).and(ofType(AppendResponse.class))))
        .as("nor acknowledged")
        .noneMatch(
            e -> {
              AppendResponse r = (AppendResponse) e.message();
              return r.success() && r.index() >= blockIndex;
            });
    assertThat(follower.metrics.total("raft.block.rejected")).isEqualTo(1);

    c.autoDeliver = true;
    c.advance(300);
    assertThat(c.finalHeight(f)).isEqualTo(1);
    Block finalBlock = follower.chain.finalizedHead();
    assertThat(finalBlock.id()).isEqualTo(leader.chain.finalizedHead().id());
    assertThat(finalBlock.transactions()).containsExactly(tx);
    assertThat(finalBlock.transactions().get(0).signature()).isEqualTo(tx.signature());
  }

  /**
   * Figure 2, rules for all servers: "If commitIndex > lastApplied: increment lastApplied, apply
   * log[lastApplied]" — a rule checked at every step, not only when commitIndex moves. A follower
   * acknowledged the block while its ledger could not take it (so the leader committed it with that
   * acknowledgement alone); once the ledger recovers the follower applies the block although
   * nothing new is committed.
   */
  @Test
  void aBlockAcknowledgedWhileTheLedgerFailedIsAppliedOnceItRecoversWithoutANewCommit() {
    RaftCluster c = RaftCluster.of(3, 12).start();
    RaftNode leader = c.awaitLeader(2_000);
    List<RaftNode> followers = c.nodes().stream().filter(n -> n != leader).toList();
    RaftNode follower = followers.get(0);
    String f = follower.id.value();
    c.cut(leader.id.value(), followers.get(1).id.value());
    follower.chain.failImports(true);

    c.submit(leader.id.value(), RaftCluster.tx(6));
    c.advance(100);

    assertThat(c.finalHeight(leader.id.value()))
        .as("committed with the acknowledgement of a follower that could not execute the block")
        .isEqualTo(1);
    assertThat(c.finalHeight(f)).isZero();
    assertThat(follower.engine().commitIndex()).isGreaterThan(follower.engine().lastApplied());
    long leaderCommit = leader.engine().commitIndex();

    follower.chain.failImports(false);
    c.advance(200);

    assertThat(leader.engine().commitIndex()).as("nothing new committed").isEqualTo(leaderCommit);
    assertThat(c.finalHeight(f)).isEqualTo(1);
    assertThat(follower.chain.finalizedHead().id()).isEqualTo(leader.chain.finalizedHead().id());
    assertThat(follower.engine().lastApplied()).isEqualTo(follower.engine().commitIndex());
    assertThat(follower.metrics.total("raft.apply.retried")).isPositive();
  }

  private static boolean carriesBlock(Envelope e) {
    return ((AppendEntries) e.message()).entries().stream().anyMatch(x -> x.block().isPresent());
  }

  private static long blockEntryIndex(Envelope e) {
    return ((AppendEntries) e.message())
        .entries().stream().filter(x -> x.block().isPresent()).findFirst().orElseThrow().index();
  }

  /** The simulator's forger: one bit flipped inside a signature the message carries. */
  private static Envelope withSignatureBitFlipped(Envelope e, Transaction tx) {
    byte[] payload = e.payload().clone();
    byte[] signature = tx.signature().toBytes();
    int at = Bytes.indexOf(payload, signature);
    assertThat(at).as("the append carries the signature").isNotNegative();
    payload[at + 17] ^= 0x04;
    return new Envelope(e.from(), e.to(), payload);
  }
}

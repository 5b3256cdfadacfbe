package io.consensio.raft;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.consensio.api.crypto.Ed25519KeyPair;
import io.consensio.api.types.Hash;
import io.consensio.api.types.Transaction;
import io.consensio.api.types.TxPayload;
import io.consensio.raft.log.RaftLog;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A node holds the body of a log entry (its encoding and decoded block) in memory only while it is
 * likely to be read: until it is applied (paper Figure 2, lastApplied) and, on a leader, until
 * every follower that keeps up has it (paper §5.3, thesis §10.2.2). Afterwards the log keeps the
 * entry's header and the entry stays on disk until compaction (thesis §5.1), whence it is read for
 * a follower that fell behind or for a restart. The log on disk is compacted when it reaches {@code
 * snapshotThresholdEntries} entries or {@code snapshotThresholdBytes} bytes.
 */
class LogMemoryTest {
  private static final int VALUE_BYTES = 16 * 1024;

  /** A transaction of client {@code client} carrying a {@code valueBytes} value. */
  private static Transaction largeTx(int client, int valueBytes) {
    Ed25519KeyPair key =
        Ed25519KeyPair.fromSeed(
            Hash.sha256(("raft-memory-client/" + client).getBytes(StandardCharsets.UTF_8))
                .toBytes());
    byte[] value = new byte[valueBytes];
    Arrays.fill(value, (byte) client);
    byte[] k = ("big" + client).getBytes(StandardCharsets.UTF_8);
    return Transaction.sign(key, 0, 1, new TxPayload.KvPut(k, value));
  }

  private static void submitOneBlockEach(RaftCluster c, RaftNode leader, int from, int count) {
    for (int i = from; i < from + count; i++) {
      c.submit(leader.id.value(), largeTx(i, VALUE_BYTES));
      c.advance(20);
    }
  }

  private static void assertSameEntries(RaftLog a, RaftLog b) {
    assertThat(a.lastIndex()).isEqualTo(b.lastIndex());
    for (long i = Math.max(a.firstIndex(), b.firstIndex()); i <= a.lastIndex(); i++) {
      assertThat(a.entry(i).encoded()).as("entry %d", i).isEqualTo(b.entry(i).encoded());
    }
  }

  @Test
  void entriesAppliedAndReplicatedToEveryFollowerLeaveMemoryWhateverTheirSize() {
    RaftCluster c = RaftCluster.of(3, 31).start();
    RaftNode leader = c.awaitLeader(3_000);

    submitOneBlockEach(c, leader, 0, 40);
    c.advance(300);

    for (RaftNode n : c.nodes()) {
      RaftLog log = n.engine().log();
      assertThat(n.chain.finalizedHead().height()).as("%s final blocks", n.id).isEqualTo(40);
      assertThat(log.sizeBytes()).as("%s log on disk", n.id).isGreaterThan(40L * VALUE_BYTES);
      assertThat(log.bodyBytesInMemory()).as("%s bodies in memory", n.id).isZero();
      assertThat(log.firstIndexInMemory()).isEqualTo(log.lastIndex() + 1);
    }
  }

  @Test
  void aLeaderKeepsTheBodiesAFollowerInStepHasNotAcknowledgedYet() {
    RaftCluster c = RaftCluster.of(3, 32).start();
    RaftNode leader = c.awaitLeader(3_000);
    RaftNode slow = c.nodes().stream().filter(n -> n != leader).findFirst().orElseThrow();
    long slowMatch = slow.engine().log().lastIndex();
    c.cut(leader.id.value(), slow.id.value());

    submitOneBlockEach(c, leader, 0, 3);

    RaftLog log = leader.engine().log();
    assertThat(leader.engine().lastApplied()).isEqualTo(log.lastIndex());
    assertThat(log.firstIndexInMemory())
        .as("applied, but the slow follower may need them sent again")
        .isEqualTo(slowMatch + 1);
    assertThat(log.bodyBytesInMemory()).isGreaterThan(3L * VALUE_BYTES);

    c.heal();
    c.advance(500);

    assertSameEntries(slow.engine().log(), log);
    assertThat(log.bodyBytesInMemory()).isZero();
    assertThat(slow.engine().log().bodyBytesInMemory()).isZero();
  }

  @Test
  void aFollowerFarBehindHoldsNoLeaderMemoryAndIsCaughtUpWithEntriesReadFromStorage() {
    ObjectNode cfg =
        RaftCluster.config().put("maxBatchBytes", 64 * 1024).put("maxInflightBytes", 128 * 1024);
    RaftCluster c = RaftCluster.of(3, 33, cfg).start();
    RaftNode leader = c.awaitLeader(3_000);
    RaftNode behind = c.nodes().stream().filter(n -> n != leader).findFirst().orElseThrow();
    long behindLastIndex = behind.engine().log().lastIndex();
    behind.crash();

    submitOneBlockEach(c, leader, 0, 30);
    c.advance(300);

    RaftLog log = leader.engine().log();
    assertThat(log.bytesBetween(behindLastIndex + 1, log.lastIndex()))
        .isGreaterThan(cfg.get("maxInflightBytes").asLong());
    assertThat(log.bodyBytesInMemory())
        .as("no body is kept for the follower that is down")
        .isZero();
    assertThat(log.firstIndexInMemory()).isGreaterThan(behindLastIndex + 30);

    behind.restart();
    c.advance(2_000);

    assertSameEntries(behind.engine().log(), log);
    assertThat(behind.metrics.count("raft.snapshot.installed")).isZero();
    assertThat(behind.chain.finalizedHead().id()).isEqualTo(leader.chain.finalizedHead().id());
    assertThat(behind.chain.headState().stateRoot())
        .isEqualTo(leader.chain.headState().stateRoot());
    assertThat(log.bodyBytesInMemory()).isZero();
    assertThat(behind.engine().log().bodyBytesInMemory()).isZero();
  }

  @Test
  void aRestartReadsBackOnlyTheBodiesOfEntriesTheLedgerHasNotApplied() {
    RaftCluster c = RaftCluster.of(3, 34).start();
    RaftNode leader = c.awaitLeader(3_000);
    RaftNode follower = c.nodes().stream().filter(n -> n != leader).findFirst().orElseThrow();
    submitOneBlockEach(c, leader, 0, 5);
    c.advance(200);
    long applied = follower.engine().lastApplied();
    assertThat(applied).isEqualTo(leader.engine().log().lastIndex());

    // The follower stores and acknowledges three more blocks but its ledger cannot import them.
    follower.chain.failImports(true);
    submitOneBlockEach(c, leader, 5, 3);
    c.advance(200);
    assertThat(follower.engine().lastApplied()).isEqualTo(applied);
    assertThat(follower.engine().log().lastIndex()).isEqualTo(applied + 3);

    follower.crash();
    follower.chain.failImports(false);
    follower.restart();

    RaftLog log = follower.engine().log();
    assertThat(follower.engine().lastApplied()).isEqualTo(applied);
    assertThat(log.firstIndexInMemory()).as("applied entries stay on disk").isEqualTo(applied + 1);
    assertThat(log.bodyBytesInMemory())
        .isEqualTo(log.bytesBetween(applied + 1, applied + 3))
        .isGreaterThan(3L * VALUE_BYTES);
    assertThat(follower.chain.contains(log.entry(applied + 3).block().orElseThrow().id()))
        .as("the unapplied blocks were re-imported")
        .isTrue();

    c.advance(300);

    assertThat(follower.chain.finalizedHead().id()).isEqualTo(leader.chain.finalizedHead().id());
    assertThat(follower.chain.finalizedHead().height()).isEqualTo(8);
    assertThat(log.bodyBytesInMemory()).isZero();
  }

  @Test
  void theLogIsCompactedWhenItReachesTheByteThresholdBeforeTheEntryThreshold() {
    ObjectNode cfg =
        RaftCluster.config()
            .put("maxBatchBytes", 8 * 1024)
            .put("snapshotThresholdEntries", 10_000)
            .put("snapshotThresholdBytes", 24 * 1024);
    RaftCluster c = RaftCluster.of(3, 35, cfg).start();
    RaftNode leader = c.awaitLeader(3_000);

    for (int i = 0; i < 12; i++) {
      c.submit(leader.id.value(), largeTx(i, 4 * 1024));
      c.advance(20);
    }
    c.advance(300);

    for (RaftNode n : c.nodes()) {
      RaftLog log = n.engine().log();
      assertThat(n.metrics.count("raft.snapshot.taken")).as("%s snapshots", n.id).isPositive();
      assertThat(log.snapshotIndex()).isPositive();
      assertThat(log.sizeBytes()).isLessThan(24 * 1024);
      assertThat(n.chain.finalizedHead().id()).isEqualTo(leader.chain.finalizedHead().id());
    }
  }
}

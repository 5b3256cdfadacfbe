package io.consensio.raft;

import static io.consensio.raft.RaftCluster.ofType;
import static io.consensio.raft.RaftCluster.to;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.consensio.raft.log.RaftLog;
import io.consensio.raft.messages.RaftMessage.InstallSnapshot;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Persistence and recovery (paper Figure 2) and log compaction with InstallSnapshot (thesis ch. 5).
 */
class RecoveryAndSnapshotTest {

  @Test
  void aRestartedNodeRecoversTermVoteAndLogExactly() {
    RaftCluster c = RaftCluster.of(3, 21).start();
    RaftNode leader = c.awaitLeader(3_000);
    submitOneEvery20Millis(c, leader, 0, 6);
    c.advance(200);
    RaftNode follower = c.nodes().stream().filter(n -> n != leader).findFirst().orElseThrow();
    long term = follower.engine().term();
    var vote = follower.engine().votedFor();
    List<byte[]> before = entries(follower.engine().log());
    long finalHeight = follower.chain.finalizedHead().height();

    follower.crash();
    follower.restart();

    assertThat(follower.engine().term()).isEqualTo(term);
    assertThat(follower.engine().votedFor()).isEqualTo(vote);
    assertThat(entries(follower.engine().log())).containsExactlyElementsOf(before);
    assertThat(follower.engine().lastApplied()).isEqualTo(follower.engine().commitIndex());
    assertThat(follower.chain.finalizedHead().height()).isEqualTo(finalHeight);
    c.submit(leader.id.value(), RaftCluster.tx(100));
    c.advance(300);
    assertThat(follower.chain.finalizedHead().id()).isEqualTo(leader.chain.finalizedHead().id());
    assertThat(c.unsyncedSends).isZero();
  }

  @Test
  void aFollowerThatFellBehindACompactedLogCatchesUpByInstallSnapshot() {
    ObjectNode cfg = RaftCluster.config();
    cfg.put("snapshotThresholdEntries", 4);
    cfg.put("snapshotChunkBytes", 64);
    RaftCluster c = RaftCluster.of(3, 22, cfg).start();
    RaftNode leader = c.awaitLeader(3_000);
    RaftNode behind = c.nodes().stream().filter(n -> n != leader).findFirst().orElseThrow();
    behind.crash();
    submitOneEvery20Millis(c, leader, 0, 12);
    c.advance(200);
    assertThat(leader.engine().log().snapshotIndex()).isGreaterThan(1);

    behind.restart();
    List<InstallSnapshot> chunks = new ArrayList<>();
    c.onDeliver =
        e -> {
          if (to(behind.id.value()).and(ofType(InstallSnapshot.class)).test(e)) {
            chunks.add((InstallSnapshot) e.message());
          }
        };
    c.advance(500);

    assertThat(chunks).as("the snapshot went in several chunks").hasSizeGreaterThan(1);
    assertThat(behind.metrics.count("raft.snapshot.installed")).isGreaterThanOrEqualTo(1);
    assertThat(behind.chain.finalizedHead().id()).isEqualTo(leader.chain.finalizedHead().id());
    assertThat(behind.chain.headState().stateRoot())
        .isEqualTo(leader.chain.headState().stateRoot());
    assertThat(behind.engine().log().lastIndex()).isEqualTo(leader.engine().log().lastIndex());
  }

  @Test
  void aNodeRestartedAfterCompactionRecoversFromItsSnapshotAndLogSuffix() {
    ObjectNode cfg = RaftCluster.config();
    cfg.put("snapshotThresholdEntries", 3);
    RaftCluster c = RaftCluster.of(3, 23, cfg).start();
    RaftNode leader = c.awaitLeader(3_000);
    submitOneEvery20Millis(c, leader, 0, 10);
    c.advance(200);
    RaftNode follower = c.nodes().stream().filter(n -> n != leader).findFirst().orElseThrow();
    long snapshotIndex = follower.engine().log().snapshotIndex();
    assertThat(snapshotIndex).isGreaterThan(0);
    List<byte[]> before = entries(follower.engine().log());
    follower.crash();
    follower.restart();
    assertThat(follower.engine().log().snapshotIndex()).isEqualTo(snapshotIndex);
    assertThat(entries(follower.engine().log())).containsExactlyElementsOf(before);
    c.submit(leader.id.value(), RaftCluster.tx(50));
    c.advance(300);
    assertThat(follower.chain.finalizedHead().id()).isEqualTo(leader.chain.finalizedHead().id());
  }

  /**
   * Thesis §5.3: the ledger keeps its own state durably, so compaction records only where the log
   * was cut; the whole state is exported only for a follower that needs InstallSnapshot, and such a
   * received snapshot is kept whole until the follower's own next compaction passes it.
   */
  @Test
  void compactionStoresNoStateWhichIsExportedOnlyForAFollowerThatNeedsIt() {
    ObjectNode cfg = RaftCluster.config();
    cfg.put("snapshotThresholdEntries", 4);
    RaftCluster c = RaftCluster.of(3, 24, cfg).start();
    RaftNode leader = c.awaitLeader(3_000);
    RaftNode behind = c.nodes().stream().filter(n -> n != leader).findFirst().orElseThrow();
    submitOneEvery20Millis(c, leader, 0, 10);
    c.advance(200);
    for (RaftNode n : c.nodes()) {
      assertThat(n.metrics.count("raft.snapshot.taken")).as("%s compactions", n.id).isPositive();
      assertThat(n.metrics.count("raft.snapshot.exported")).as("%s exports", n.id).isZero();
      assertThat(n.store.get(RECEIVED_SNAPSHOT)).as("%s stored state", n.id).isEmpty();
    }

    behind.crash();
    submitOneEvery20Millis(c, leader, 10, 20);
    behind.restart();
    c.advance(500);

    assertThat(leader.metrics.count("raft.snapshot.exported")).isPositive();
    assertThat(behind.metrics.count("raft.snapshot.installed")).isPositive();
    assertThat(behind.store.get(RECEIVED_SNAPSHOT))
        .as("kept until a compaction passes it")
        .isPresent();
    assertThat(behind.chain.headState().stateRoot())
        .isEqualTo(leader.chain.headState().stateRoot());

    long installedIndex = behind.engine().log().snapshotIndex();
    long compactionsBefore = behind.metrics.count("raft.snapshot.taken");
    behind.crash();
    behind.restart();
    assertThat(behind.engine().log().snapshotIndex()).isEqualTo(installedIndex);
    submitOneEvery20Millis(c, leader, 20, 30);
    c.advance(300);

    assertThat(behind.metrics.count("raft.snapshot.taken")).isGreaterThan(compactionsBefore);
    assertThat(behind.engine().log().snapshotIndex()).isGreaterThan(installedIndex);
    assertThat(behind.store.get(RECEIVED_SNAPSHOT)).isEmpty();
    assertThat(behind.chain.finalizedHead().id()).isEqualTo(leader.chain.finalizedHead().id());
  }

  private static final byte[] RECEIVED_SNAPSHOT =
      "raft/snapshot".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private static List<byte[]> entries(RaftLog log) {
    List<byte[]> out = new ArrayList<>();
    for (long i = log.firstIndex(); i <= log.lastIndex(); i++) {
      out.add(log.entry(i).encoded());
    }
    return out;
  }

  /** Submits {@code RaftCluster.tx(from)} .. {@code tx(to - 1)} to the leader, 20 ms apart. */
  private static void submitOneEvery20Millis(RaftCluster c, RaftNode leader, int from, int to) {
    for (int i = from; i < to; i++) {
      c.submit(leader.id.value(), RaftCluster.tx(i));
      c.advance(20);
    }
  }
}

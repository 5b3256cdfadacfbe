package io.consensio.raft;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.consensio.api.types.NodeId;
import io.consensio.api.types.Transaction;
import io.consensio.raft.harness.Envelope;
import io.consensio.raft.quorum.Configuration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random schedules of message loss, duplication, reordering, partitions, membership changes (a
 * voter removed, a node added back through learner and joint configuration) and crash-restart —
 * crashes between handlers and power failures in the middle of one, both losing every write not yet
 * synced — each replayable from its seed, checked after every step by {@link SafetyChecker}
 * (Election Safety, Log Matching, Leader Completeness, State Machine Safety, no finalized block
 * lost); then the faults stop and the cluster must converge (liveness once the network is healthy).
 */
class RandomizedSafetyTest {
  private static final int SEEDS = 500;
  private static final int STEPS = 500;

  @Test
  void safetyHoldsUnderLossReorderingDuplicationPartitionsAndCrashRestart() {
    long[] totals = new long[6];
    for (long seed = 1; seed <= SEEDS; seed++) {
      try {
        long[] stats = run(seed);
        for (int i = 0; i < totals.length; i++) {
          totals[i] += stats[i];
        }
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError("failing seed: " + seed + " (replay with run(" + seed + "L))", e);
      }
    }
    System.out.printf(
        "leaders=%d committedDuringFaults=%d snapshotsInstalled=%d restarts=%d powerFailures=%d"
            + " membershipChanges=%d%n",
        totals[0], totals[1], totals[2], totals[3], totals[4], totals[5]);
    // The schedules must actually exercise the protocol, or the safety checks prove nothing.
    assertThat(totals[0]).as("leaders elected during faults").isGreaterThan(SEEDS);
    assertThat(totals[1]).as("entries committed during faults").isGreaterThan(10L * SEEDS);
    assertThat(totals[2]).as("snapshots installed from a leader").isGreaterThan(0);
    assertThat(totals[3]).as("crash-restarts").isGreaterThan(2L * SEEDS);
    assertThat(totals[4]).as("power failures in the middle of a handler").isGreaterThan(SEEDS / 2);
    assertThat(totals[5]).as("membership changes proposed").isGreaterThan(SEEDS / 2);
  }

  /**
   * One schedule; returns {leaders seen, entries committed, snapshots installed, restarts, power
   * failures, membership changes}.
   */
  static long[] run(long seed) {
    Random random = new Random(seed);
    ObjectNode config = RaftCluster.config();
    config.put("snapshotThresholdEntries", 6);
    config.put("snapshotChunkBytes", 100);
    config.put("maxInflightAppends", 3);
    config.put("maxBatchTxs", 2);
    config.put("maxBatchBytes", 1024);
    config.put("maxInflightBytes", 2048);
    int size = seed % 3 == 0 ? 3 : 5;
    RaftCluster c = RaftCluster.of(size, seed, config).start();
    try {
      return runSchedule(seed, random, size, c);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "\ncluster state:\n" + c.describe(), e);
    }
  }

  private static long[] runSchedule(long seed, Random random, int size, RaftCluster c) {
    c.autoDeliver = false;
    SafetyChecker checker = new SafetyChecker();
    int nextTx = 0;
    int restarts = 0;
    int changes = 0;
    for (int step = 0; step < STEPS; step++) {
      int action = random.nextInt(100);
      List<Envelope> pending = c.pending();
      if (action < 50) {
        // A burst of deliveries, each picked among the oldest few: bounded reordering.
        for (int k = 1 + random.nextInt(8); k > 0 && !c.pending().isEmpty(); k--) {
          List<Envelope> queue = c.pending();
          c.deliver(queue.get(random.nextInt(Math.min(queue.size(), 6))));
        }
      } else if (action < 55) {
        if (!pending.isEmpty()) {
          Envelope e = pending.get(random.nextInt(pending.size()));
          c.dropWhere(x -> x == e);
        }
      } else if (action < 57) {
        if (!pending.isEmpty()) {
          Envelope e = pending.get(random.nextInt(pending.size()));
          c.send(e.from(), e.to(), e.payload());
          c.deliver(e);
        }
      } else if (action < 80) {
        c.advance(5 + random.nextInt(35));
      } else if (action < 90) {
        List<RaftNode> up = c.upNodes();
        if (!up.isEmpty()) {
          RaftNode n = up.get(random.nextInt(up.size()));
          c.submit(n.id.value(), RaftCluster.tx(nextTx++));
        }
      } else if (action < 91) {
        List<RaftNode> up = c.upNodes();
        if (up.size() > 1) {
          up.get(random.nextInt(up.size())).crash();
        }
      } else if (action < 92) {
        // Power fails on the node's next few writes, in the middle of a handler, before a sync.
        List<RaftNode> up = c.upNodes();
        if (up.size() > 1) {
          RaftNode victim = up.get(random.nextInt(up.size()));
          if (random.nextBoolean()) {
            victim.store.failAfterWrites(1 + random.nextInt(3));
          } else {
            // ... or at its next sync, after it may have sent what it wrote (a leader's appends)
            victim.store.failAtNextSync();
          }
        }
      } else if (action < 95) {
        List<RaftNode> down = c.nodes().stream().filter(n -> !n.isUp()).toList();
        if (!down.isEmpty()) {
          down.get(random.nextInt(down.size())).restart();
          restarts++;
        }
      } else if (action < 97) {
        c.isolate("n" + (1 + random.nextInt(size)));
      } else if (action < 98) {
        changes += changeMembership(c, random) ? 1 : 0;
      } else {
        c.heal();
      }
      checker.check(c);
    }
    long leaders = checker.leadersSeen();
    long committedEntries = checker.committedEntries();
    // Faults stop: everyone up, links healed, instant delivery, no power failure pending.
    c.heal();
    c.nodes().forEach(n -> n.store.keepPower());
    c.nodes().stream().filter(n -> !n.isUp()).forEach(RaftNode::restart);
    c.autoDeliver = true;
    RaftNode leader = restoreFullMembership(c);
    Transaction last = RaftCluster.tx(1_000_000);
    c.submit(leader.id.value(), last);
    c.advance(2_000);
    checker.check(c);
    for (RaftNode n : c.nodes()) {
      // The ledger state after the final head shows the transaction executed (this also holds on
      // nodes that received the block only inside a snapshot).
      assertThat(n.chain.stateAt(n.chain.finalizedHead().id()).orElseThrow().nonce(last.sender()))
          .as("liveness: %s has the last transaction final", n.id)
          .isEqualTo(1);
      assertThat(n.chain.finalizedHead().id()).isEqualTo(leader.chain.finalizedHead().id());
      assertThat(n.metrics.total("raft.message.failed")).as("handler bugs on %s", n.id).isZero();
      assertThat(n.metrics.total("raft.apply.failed")).as("apply failures on %s", n.id).isZero();
    }
    assertThat(c.unsyncedSends).as("messages sent before their state was synced").isZero();
    long installed =
        c.nodes().stream().mapToLong(n -> n.metrics.count("raft.snapshot.installed")).sum();
    return new long[] {leaders, committedEntries, installed, restarts, c.powerFailures, changes};
  }

  /**
   * Asks the leader of the highest term, if any, to remove a random voter (possibly itself) or to
   * add back a node that is out; true when the leader took the request. Failures during the change
   * come from the rest of the schedule.
   */
  private static boolean changeMembership(RaftCluster c, Random random) {
    RaftNode leader = c.stableLeader().orElse(null);
    if (leader == null) {
      return false;
    }
    Configuration config = leader.engine().log().configuration();
    List<RaftNode> outside = c.nodes().stream().filter(n -> !config.isMember(n.id)).toList();
    boolean[] accepted = new boolean[1];
    if (!outside.isEmpty() && (random.nextBoolean() || config.voters().size() <= 2)) {
      RaftNode back = outside.get(random.nextInt(outside.size()));
      c.survivingPowerFailure(
          () ->
              accepted[0] =
                  leader.engine().addMember(back.id, back.key.publicKey(), "").accepted());
    } else if (config.voters().size() > 2) {
      NodeId out = config.voters().get(random.nextInt(config.voters().size())).id();
      c.survivingPowerFailure(() -> accepted[0] = leader.engine().removeMember(out).accepted());
    }
    return accepted[0];
  }

  /** Adds back every node a change left out, one at a time, and returns the leader. */
  private static RaftNode restoreFullMembership(RaftCluster c) {
    for (int round = 0; round < 100; round++) {
      RaftNode leader = c.awaitLeader(10_000);
      Configuration config = leader.engine().log().configuration();
      boolean complete =
          !config.isJoint()
              && config.learners().isEmpty()
              && config.voters().size() == c.nodes().size()
              && leader.engine().configuration().committed();
      if (complete) {
        return leader;
      }
      c.nodes().stream()
          .filter(n -> !config.isMember(n.id))
          .findFirst()
          .ifPresent(n -> leader.engine().addMember(n.id, n.key.publicKey(), ""));
      c.advance(300);
    }
    throw new AssertionError("the removed nodes could not be added back");
  }
}

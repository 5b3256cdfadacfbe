package io.consensio.raft.sim;

import static io.consensio.raft.sim.Script.commitIndex;
import static io.consensio.raft.sim.Script.engine;
import static io.consensio.raft.sim.Script.finalizedHeight;
import static io.consensio.raft.sim.Script.leader;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.consensio.api.MembershipAdmin.Outcome;
import io.consensio.api.MembershipAdmin.Peer;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.types.Hash;
import io.consensio.api.types.NodeId;
import io.consensio.raft.RaftEngine;
import io.consensio.sim.SimNode;
import io.consensio.sim.Simulation;
import io.consensio.sim.SimulationConfig;
import io.consensio.sim.SimulationResult;
import io.consensio.sim.fault.FaultPlan;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Raft on the real simulator (the runtime's ledger, mempool and gossip, a simulated network with
 * latency, crashable disks, clients submitting throughout, and the simulator's invariant checkers),
 * in the scenarios of issue 4, each scripted at fixed virtual times: the leader crashes; a minority
 * partition holds the leader; a node is down while the log is compacted; the leader crashes during
 * a membership change. Each asserts what a user would check: commits resume, no committed
 * transaction is lost, every transaction submitted becomes final once the faults end, and all nodes
 * agree.
 */
class RaftScenarioTest {
  private static final long FAULT_PHASE_MILLIS = 15_000;
  private static final long SETTLE_MILLIS = 15_000;

  private static SimulationConfig config(int nodes, long seed, ObjectNode raft) {
    SimulationConfig base = SimulationConfig.of(ScriptedRaftProvider.NAME, nodes, seed);
    return base.withFaults(FaultPlan.NONE)
        .withDurations(FAULT_PHASE_MILLIS, SETTLE_MILLIS)
        .withConsensusSection(raft);
  }

  private static ObjectNode raft() {
    return JsonNodeFactory.instance.objectNode();
  }

  private static NodeId node(int i) {
    return NodeId.of(String.format("node-%02d", i));
  }

  /** Safe, nothing committed lost, every submitted transaction final, every node agreeing. */
  private static void assertSafeLiveAndAgreeing(Script.Run run) {
    SimulationResult result = run.result();
    String replay = result.replayCommand() + "\n" + String.join("\n", result.violations());
    assertThat(result.safetyViolations()).as(replay).isZero();
    assertThat(result.committedTxsLost()).as(replay).isZero();
    assertThat(result.committedTxs()).as(replay).isPositive();
    assertThat(result.pendingTxs()).as("liveness after the faults; " + replay).isZero();
    Set<Hash> heads = new HashSet<>();
    Set<Hash> roots = new HashSet<>();
    for (SimNode node : run.simulation().nodes().values()) {
      Hash head = node.core().chain().finalizedHead().id();
      heads.add(head);
      roots.add(node.core().chain().stateAt(head).orElseThrow().stateRoot());
    }
    assertThat(heads).as("every node's finalized head; " + replay).hasSize(1);
    assertThat(roots).as("every node's state root; " + replay).hasSize(1);
  }

  /**
   * Paper §8: clients' requests go to the leader. Clients here submit at every node; followers
   * forward to the leader instead of gossiping to everyone, and everything still becomes final.
   */
  @Test
  void transactionsReachTheLeaderByForwardingNotGossip() {
    Script.Run run = new Script().run(config(3, 7, raft()));

    assertSafeLiveAndAgreeing(run);
    assertThat(
            run.simulation()
                .network()
                .stats()
                .channel(io.consensio.runtime.net.MessageChannel.TRANSACTIONS)
                .messagesSent())
        .as("transaction gossip messages")
        .isZero();
    assertThat(
            run.simulation().nodes().values().stream()
                .mapToLong(n -> n.metrics().counterTotal("raft.forwarded.txs"))
                .sum())
        .as("transactions forwarded by followers")
        .isPositive();
  }

  @Test
  void afterTheLeaderCrashesANewLeaderIsElectedAndCommitsResume() {
    Map<String, Object> seen = new HashMap<>();
    Script script =
        new Script()
            .at(
                5_000,
                sim -> {
                  NodeId old = leader(sim).orElseThrow();
                  seen.put("crashed", old);
                  sim.crash(old);
                })
            .at(
                5_500,
                sim ->
                    seen.put("heightAfterCrash", survivorHeight(sim, (NodeId) seen.get("crashed"))))
            .at(
                12_000,
                sim -> {
                  seen.put("newLeader", leader(sim).orElse(null));
                  seen.put("heightLater", survivorHeight(sim, (NodeId) seen.get("crashed")));
                });
    Script.Run run = script.run(config(3, 101, raft()));

    assertSafeLiveAndAgreeing(run);
    assertThat(seen.get("newLeader")).isNotNull().isNotEqualTo(seen.get("crashed"));
    assertThat((Long) seen.get("heightLater"))
        .as("blocks finalized by the survivors after the crash")
        .isGreaterThan((Long) seen.get("heightAfterCrash"));
  }

  @Test
  void aLeaderInAMinorityPartitionCannotCommitWhileTheMajorityElectsAnotherAndCommits() {
    // Without CheckQuorum the isolated leader keeps believing it leads: the pure §5.3 rule that
    // it cannot commit without a majority is what is checked.
    ObjectNode raft = raft().put("checkQuorum", false);
    Map<String, Object> seen = new HashMap<>();
    Script script =
        new Script()
            .at(
                5_000,
                sim -> {
                  NodeId old = leader(sim).orElseThrow();
                  NodeId buddy =
                      sim.nodes().keySet().stream().filter(id -> !id.equals(old)).findFirst().get();
                  Set<NodeId> minority = Set.of(old, buddy);
                  Set<NodeId> majority = new HashSet<>(sim.nodes().keySet());
                  majority.removeAll(minority);
                  seen.put("oldLeader", old);
                  seen.put("majority", majority);
                  sim.partition(Map.of("minority", minority, "majority", majority));
                })
            .at(
                5_200,
                sim -> {
                  NodeId old = (NodeId) seen.get("oldLeader");
                  seen.put("oldCommitAtStart", commitIndex(sim, old));
                  seen.put("majorityHeightAtStart", maxHeight(sim, majority(seen)));
                })
            .at(
                11_000,
                sim -> {
                  NodeId old = (NodeId) seen.get("oldLeader");
                  seen.put("oldRoleAtEnd", engine(sim, old).orElseThrow().status().role());
                  seen.put("oldLogAtEnd", engine(sim, old).orElseThrow().status().details());
                  seen.put("oldCommitAtEnd", commitIndex(sim, old));
                  seen.put("majorityHeightAtEnd", maxHeight(sim, majority(seen)));
                  seen.put("majorityLeader", leader(sim).orElse(null));
                })
            .at(11_500, Simulation::heal);
    Script.Run run = script.run(config(5, 102, raft));

    assertSafeLiveAndAgreeing(run);
    assertThat(seen.get("oldRoleAtEnd"))
        .as("the isolated leader still thinks it leads")
        .isEqualTo("leader");
    @SuppressWarnings("unchecked")
    Map<String, Object> oldLog = (Map<String, Object>) seen.get("oldLogAtEnd");
    assertThat((Long) oldLog.get("lastLogIndex"))
        .as("the isolated leader kept appending client blocks")
        .isGreaterThan((Long) seen.get("oldCommitAtStart"));
    assertThat(seen.get("oldCommitAtEnd"))
        .as("but committed none of them")
        .isEqualTo(seen.get("oldCommitAtStart"));
    assertThat(majority(seen)).contains((NodeId) seen.get("majorityLeader"));
    assertThat((Long) seen.get("majorityHeightAtEnd"))
        .as("the majority elected a leader and committed")
        .isGreaterThan((Long) seen.get("majorityHeightAtStart"));
  }

  @Test
  void aNodeDownWhileTheLogIsCompactedCatchesUpByInstallSnapshot() {
    ObjectNode raft = raft().put("snapshotThresholdEntries", 20).put("snapshotChunkBytes", 4096);
    Map<String, Object> seen = new HashMap<>();
    Script script =
        new Script()
            .at(
                2_000,
                sim -> {
                  NodeId follower =
                      sim.nodes().keySet().stream()
                          .filter(id -> !id.equals(leader(sim).orElseThrow()))
                          .findFirst()
                          .get();
                  seen.put("follower", follower);
                  seen.put("heightAtCrash", finalizedHeight(sim, follower));
                  sim.crash(follower);
                })
            .at(
                9_000,
                sim -> {
                  NodeId leader = leader(sim).orElseThrow();
                  seen.put(
                      "leaderSnapshotIndex",
                      engine(sim, leader).orElseThrow().status().details().get("snapshotIndex"));
                  sim.restart((NodeId) seen.get("follower"));
                })
            .at(
                12_000,
                sim ->
                    seen.put("heightLater", finalizedHeight(sim, (NodeId) seen.get("follower"))));
    Script.Run run = script.run(config(3, 103, raft));

    assertSafeLiveAndAgreeing(run);
    NodeId follower = (NodeId) seen.get("follower");
    assertThat((Long) seen.get("leaderSnapshotIndex"))
        .as("the leader compacted past what the follower had")
        .isGreaterThan((Long) seen.get("heightAtCrash"));
    SimNode node = run.simulation().nodes().get(follower);
    assertThat(node.metrics().counterTotal("raft.snapshot.installed"))
        .as("the follower caught up by InstallSnapshot")
        .isPositive();
    assertThat((Long) seen.get("heightLater")).isGreaterThan((Long) seen.get("heightAtCrash"));
  }

  @Test
  void theLeaderCrashingDuringAMembershipChangeLeavesOneConsistentConfiguration() {
    Map<String, Object> seen = new HashMap<>();
    NodeId changing = node(4);
    Script script =
        new Script()
            .at(
                4_000,
                sim -> {
                  NodeId old = leader(sim).orElseThrow();
                  NodeId target = old.equals(changing) ? node(3) : changing;
                  seen.put("target", target);
                  RaftEngine engine = engine(sim, old).orElseThrow();
                  seen.put(
                      "targetKey",
                      engine.configuration().voters().stream()
                          .filter(p -> p.id().equals(target))
                          .findFirst()
                          .orElseThrow()
                          .publicKey());
                  seen.put("removal", engine.removeMember(target).outcome());
                  seen.put("jointAtCrash", engine.configuration().isJoint());
                  seen.put("crashed", old);
                  sim.crash(old);
                })
            .at(5_000, sim -> sim.restart((NodeId) seen.get("crashed")))
            .at(
                9_000,
                sim -> {
                  NodeId target = (NodeId) seen.get("target");
                  RaftEngine engine = engine(sim, leader(sim).orElseThrow()).orElseThrow();
                  boolean member =
                      engine.configuration().voters().stream().anyMatch(p -> p.id().equals(target));
                  seen.put("removedAfterCrash", !member);
                  if (!member) {
                    seen.put(
                        "readd",
                        engine.addMember(target, (PublicKey) seen.get("targetKey"), "").outcome());
                  }
                });
    Script.Run run = script.run(config(5, 104, raft()));

    assertSafeLiveAndAgreeing(run);
    assertThat(seen.get("removal")).isEqualTo(Outcome.ACCEPTED);
    assertThat(seen.get("jointAtCrash")).as("the leader crashed inside C_old,new").isEqualTo(true);
    if (Boolean.TRUE.equals(seen.get("removedAfterCrash"))) {
      assertThat(seen.get("readd")).isEqualTo(Outcome.ACCEPTED);
    }
    for (SimNode node : run.simulation().nodes().values()) {
      RaftEngine engine = (RaftEngine) node.core().engine();
      assertThat(engine.configuration().isJoint())
          .as("%s finished the change", node.id())
          .isFalse();
      assertThat(engine.configuration().learners()).isEmpty();
      assertThat(engine.configuration().voters())
          .extracting(Peer::id)
          .as("%s has all five voters", node.id())
          .containsExactlyInAnyOrderElementsOf(run.simulation().nodes().keySet());
    }
  }

  private static long survivorHeight(Simulation sim, NodeId crashed) {
    return sim.nodes().keySet().stream()
        .filter(id -> !id.equals(crashed))
        .mapToLong(id -> finalizedHeight(sim, id))
        .max()
        .orElseThrow();
  }

  @SuppressWarnings("unchecked")
  private static Set<NodeId> majority(Map<String, Object> seen) {
    return (Set<NodeId>) seen.get("majority");
  }

  private static long maxHeight(Simulation sim, Set<NodeId> nodes) {
    return nodes.stream().mapToLong(id -> finalizedHeight(sim, id)).max().orElseThrow();
  }
}

package io.consensio.raft;

import static io.consensio.raft.RaftCluster.from;
import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.MembershipAdmin.Outcome;
import io.consensio.api.MembershipAdmin.Peer;
import io.consensio.api.types.NodeId;
import io.consensio.raft.RaftEngine.Role;
import io.consensio.raft.quorum.Configuration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Membership changes: a new server joins as a learner and is promoted once caught up (thesis
 * §4.2.1), voters change by joint consensus (paper §6, thesis §4.3), and the runtime is told which
 * peers to reach.
 */
class MembershipTest {
  private static final String N4_ADDRESS = "127.0.0.1:9004";
  private final SafetyChecker checker = new SafetyChecker();

  private static Outcome add(RaftNode leader, RaftNode newcomer) {
    return leader.engine().addMember(newcomer.id, newcomer.key.publicKey(), N4_ADDRESS).outcome();
  }

  @Test
  void aNewServerJoinsAsALearnerAndBecomesAVoterOnceCaughtUp() {
    RaftCluster c = RaftCluster.of(3, 31).start();
    RaftNode leader = c.awaitLeader(3_000);
    for (int i = 1; i <= 5; i++) {
      c.submit(leader.id.value(), RaftCluster.tx(i));
      c.advance(50);
    }
    RaftNode n4 = c.addNode("n4");
    n4.start();
    c.autoDeliver = false;

    assertThat(add(leader, n4)).isEqualTo(Outcome.ACCEPTED);
    Configuration proposed = leader.engine().log().configuration();
    assertThat(proposed.isLearner(n4.id)).as("n4 starts as a learner").isTrue();
    assertThat(proposed.isJoint()).as("adding a learner needs no joint configuration").isFalse();
    assertThat(proposed.server(n4.id).orElseThrow().address()).isEqualTo(N4_ADDRESS);

    c.autoDeliver = true;
    c.advance(500);
    checker.check(c);
    assertThat(leader.metrics.count("raft.membership.learner-promoted")).isEqualTo(1);
    for (RaftNode n : c.nodes()) {
      Configuration config = n.engine().log().configuration();
      assertThat(config.isJoint()).as("%s left the joint configuration", n.id).isFalse();
      assertThat(config.learners()).isEmpty();
      assertThat(config.allVoterIds()).containsExactly(ids("n1", "n2", "n3", "n4"));
    }
    assertThat(n4.chain.finalizedHead().id()).isEqualTo(leader.chain.finalizedHead().id());
    assertThat(n4.chain.finalizedHead().height()).isEqualTo(5);

    // With four voters a commit needs three: after one old follower crashes, n4's vote is needed.
    RaftNode oldFollower =
        c.nodes().stream().filter(n -> n != leader && n != n4).findFirst().orElseThrow();
    oldFollower.crash();
    c.submit(leader.id.value(), RaftCluster.tx(6));
    c.advance(300);
    assertThat(n4.chain.finalizedHead().height()).isEqualTo(6);
    n4.crash();
    c.submit(leader.id.value(), RaftCluster.tx(7));
    c.advance(300);
    assertThat(leader.chain.finalizedHead().height())
        .as("two of four voters cannot commit")
        .isEqualTo(6);
    checker.check(c);
  }

  @Test
  void aLearnerThatCannotCatchUpStaysALearnerAndTheClusterKeepsCommitting() {
    RaftCluster c = RaftCluster.of(3, 35).start();
    RaftNode leader = c.awaitLeader(3_000);
    RaftNode n4 = c.addNode("n4");
    n4.start();
    c.isolate("n4");
    assertThat(add(leader, n4)).isEqualTo(Outcome.ACCEPTED);
    c.submit(leader.id.value(), RaftCluster.tx(1));
    c.advance(1_000);
    assertThat(leader.engine().log().configuration().isLearner(n4.id)).isTrue();
    assertThat(leader.chain.finalizedHead().height())
        .as("a learner does not count towards the majority")
        .isEqualTo(1);
    assertThat(leader.engine().addMember(n4.id, n4.key.publicKey(), N4_ADDRESS).outcome())
        .isEqualTo(Outcome.NO_CHANGE);

    c.heal();
    c.advance(1_000);
    assertThat(leader.engine().log().configuration().isVoter(n4.id)).isTrue();
    assertThat(n4.chain.finalizedHead().height()).isEqualTo(1);
    checker.check(c);
  }

  @Test
  void removingALearnerTakesOneEntryWithoutAJointConfiguration() {
    RaftCluster c = RaftCluster.of(3, 36).start();
    RaftNode leader = c.awaitLeader(3_000);
    RaftNode n4 = c.addNode("n4");
    n4.start();
    c.isolate("n4");
    assertThat(add(leader, n4)).isEqualTo(Outcome.ACCEPTED);
    c.advance(200);
    assertThat(leader.engine().removeMember(n4.id).outcome()).isEqualTo(Outcome.ACCEPTED);
    assertThat(leader.engine().log().configuration().isJoint()).isFalse();
    assertThat(leader.engine().log().configuration().isMember(n4.id)).isFalse();
    c.advance(200);
    assertThat(leader.engine().configuration().committed()).isTrue();
    checker.check(c);
  }

  @Test
  void theRuntimeIsToldThePeersOfTheLatestAndTheCommittedConfiguration() {
    RaftCluster c = RaftCluster.of(3, 37).start();
    RaftNode leader = c.awaitLeader(3_000);
    List<List<Peer>> reported = new ArrayList<>();
    leader.engine().watchPeers(reported::add);
    c.submit(leader.id.value(), RaftCluster.tx(1));
    c.advance(100);
    assertThat(reported).hasSize(1);
    assertThat(reported.get(0)).extracting(Peer::id).doesNotContain(leader.id).hasSize(2);

    RaftNode n4 = c.addNode("n4");
    n4.start();
    assertThat(add(leader, n4)).isEqualTo(Outcome.ACCEPTED);
    Peer newcomer =
        reported.get(reported.size() - 1).stream()
            .filter(p -> p.id().equals(n4.id))
            .findFirst()
            .orElseThrow();
    assertThat(newcomer.address()).contains(N4_ADDRESS);
    assertThat(newcomer.publicKey()).isEqualTo(n4.key.publicKey());

    c.advance(500);
    RaftNode removed =
        c.nodes().stream().filter(n -> n != leader && n != n4).findFirst().orElseThrow();
    assertThat(leader.engine().removeMember(removed.id).outcome()).isEqualTo(Outcome.ACCEPTED);
    assertThat(reported.get(reported.size() - 1))
        .as("a voter being removed stays a peer until C_new commits")
        .extracting(Peer::id)
        .contains(removed.id);
    c.advance(500);
    assertThat(reported.get(reported.size() - 1))
        .extracting(Peer::id)
        .containsExactlyInAnyOrder(otherIds(c, leader, removed));
    assertThat(n4.engine().configuration().voters()).extracting(Peer::id).contains(n4.id);
  }

  @Test
  void removingTheLeaderMakesItStepDownOnceTheNewConfigurationCommits() {
    RaftCluster c = RaftCluster.of(3, 32).start();
    RaftNode leader = c.awaitLeader(3_000);
    assertThat(leader.engine().removeMember(leader.id).outcome()).isEqualTo(Outcome.ACCEPTED);
    c.advance(100);
    assertThat(leader.engine().role()).isEqualTo(Role.FOLLOWER);
    assertThat(leader.metrics.count("raft.membership.leader-removed")).isEqualTo(1);
    RaftNode next = c.awaitLeader(3_000);
    assertThat(next).isNotSameAs(leader);
    c.advance(3_000);
    checker.check(c);
    assertThat(leader.engine().role())
        .as("a removed node does not campaign")
        .isEqualTo(Role.FOLLOWER);
    assertThat(next.engine().log().configuration().allVoterIds())
        .doesNotContain(leader.id)
        .hasSize(2);
    c.submit(next.id.value(), RaftCluster.tx(9));
    c.advance(300);
    assertThat(next.chain.finalizedHead().height()).isEqualTo(1);
  }

  @Test
  void aLeaderCrashMidChangeStaysSafeAndTheNextLeaderFinishesTheChange() {
    RaftCluster c = RaftCluster.of(3, 33).start();
    RaftNode leader = c.awaitLeader(3_000);
    RaftNode n4 = c.addNode("n4");
    n4.start();
    c.autoDeliver = false;
    assertThat(add(leader, n4)).isEqualTo(Outcome.ACCEPTED);
    // Deliver until n4 has caught up and the leader has appended C_old,new ...
    for (int i = 0; i < 1_000 && !leader.engine().log().configuration().isJoint(); i++) {
      c.deliver(c.pending().get(0));
    }
    assertThat(leader.engine().log().configuration().isJoint()).isTrue();
    // ... which reaches the followers, but no acknowledgement reaches the leader: it crashes.
    c.deliverWhere(from(leader.id.value()));
    leader.crash();
    c.dropAll();
    checker.check(c);
    c.autoDeliver = true;
    RaftNode next = c.awaitLeader(3_000);
    c.advance(500);
    checker.check(c);
    for (RaftNode n : c.upNodes()) {
      Configuration config = n.engine().log().configuration();
      assertThat(config.isJoint()).as("%s finished the change", n.id).isFalse();
      assertThat(config.allVoterIds()).containsExactly(ids("n1", "n2", "n3", "n4"));
    }
    leader.restart();
    c.submit(next.id.value(), RaftCluster.tx(4));
    c.advance(500);
    checker.check(c);
    assertThat(leader.engine().log().configuration().allVoterIds()).hasSize(4);
    assertThat(leader.chain.finalizedHead().id()).isEqualTo(next.chain.finalizedHead().id());
  }

  @Test
  void onlyTheLeaderProposesAndOnlyOneChangeIsInProgressAtATime() {
    RaftCluster c = RaftCluster.of(3, 34).start();
    RaftNode leader = c.awaitLeader(3_000);
    RaftNode follower = c.nodes().stream().filter(n -> n != leader).findFirst().orElseThrow();
    assertThat(follower.engine().removeMember(leader.id).outcome()).isEqualTo(Outcome.NOT_LEADER);
    assertThat(follower.engine().removeMember(leader.id).leader())
        .isEqualTo(Optional.of(leader.id));
    c.autoDeliver = false;
    assertThat(leader.engine().removeMember(follower.id).outcome()).isEqualTo(Outcome.ACCEPTED);
    assertThat(leader.engine().removeMember(leader.id).outcome()).isEqualTo(Outcome.IN_PROGRESS);
    assertThat(leader.engine().addMember(NodeId.of("n9"), follower.key.publicKey(), "").outcome())
        .isEqualTo(Outcome.IN_PROGRESS);
    c.autoDeliver = true;
    c.advance(300);
    assertThat(leader.engine().removeMember(NodeId.of("n9")).outcome())
        .isEqualTo(Outcome.NO_CHANGE);
    assertThat(leader.engine().addMember(NodeId.of("n9"), leader.key.publicKey(), "").outcome())
        .as("a key already in use")
        .isEqualTo(Outcome.INVALID);
  }

  private static NodeId[] otherIds(RaftCluster c, RaftNode... excluded) {
    List<RaftNode> skip = List.of(excluded);
    return c.nodes().stream().filter(n -> !skip.contains(n)).map(n -> n.id).toArray(NodeId[]::new);
  }

  private static NodeId[] ids(String... names) {
    return List.of(names).stream().map(NodeId::of).toArray(NodeId[]::new);
  }
}

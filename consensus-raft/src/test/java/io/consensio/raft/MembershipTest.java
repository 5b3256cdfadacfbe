package io.consensio.raft;

import static io.consensio.raft.RaftCluster.from;
import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.types.NodeId;
import io.consensio.raft.RaftEngine.Role;
import io.consensio.raft.quorum.Configuration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Membership changes by joint consensus (paper §6, thesis §4.3). */
class MembershipTest {
  private final SafetyChecker checker = new SafetyChecker();

  @Test
  void addingAMemberGoesThroughAJointConfigurationAndTheNewMemberThenCounts() {
    RaftCluster c = RaftCluster.of(3, 31).start();
    RaftNode leader = c.awaitLeader(3_000);
    c.submit(leader.id.value(), RaftCluster.tx(1));
    c.advance(200);
    RaftNode n4 = c.addNode("n4");
    n4.start();

    assertThat(leader.engine().proposeAddMember(n4.id, n4.key.publicKey()))
        .isEqualTo(ProposalResult.ACCEPTED);
    assertThat(leader.engine().log().configuration().isJoint()).isTrue();
    c.advance(500);
    checker.check(c);

    for (RaftNode n : c.nodes()) {
      Configuration config = n.engine().log().configuration();
      assertThat(config.isJoint()).as("%s left the joint configuration", n.id).isFalse();
      assertThat(config.allVoterIds()).containsExactly(ids("n1", "n2", "n3", "n4"));
    }
    assertThat(n4.chain.finalizedHead().id()).isEqualTo(leader.chain.finalizedHead().id());

    // With four voters a commit needs three: after one old follower crashes, n4's vote is needed.
    RaftNode oldFollower =
        c.nodes().stream().filter(n -> n != leader && n != n4).findFirst().orElseThrow();
    oldFollower.crash();
    c.submit(leader.id.value(), RaftCluster.tx(2));
    c.advance(300);
    assertThat(n4.chain.finalizedHead().height()).isEqualTo(2);
    n4.crash();
    c.submit(leader.id.value(), RaftCluster.tx(3));
    c.advance(300);
    assertThat(leader.chain.finalizedHead().height())
        .as("two of four voters cannot commit")
        .isEqualTo(2);
    checker.check(c);
  }

  @Test
  void removingTheLeaderMakesItStepDownOnceTheNewConfigurationCommits() {
    RaftCluster c = RaftCluster.of(3, 32).start();
    RaftNode leader = c.awaitLeader(3_000);
    assertThat(leader.engine().proposeRemoveMember(leader.id)).isEqualTo(ProposalResult.ACCEPTED);
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
    assertThat(leader.engine().proposeAddMember(n4.id, n4.key.publicKey()))
        .isEqualTo(ProposalResult.ACCEPTED);
    // C_old,new reaches the followers, but no acknowledgement reaches the leader: it crashes.
    c.deliverWhere(from(leader.id.value()));
    leader.crash();
    c.dropAll();
    checker.check(c);
    c.autoDeliver = true;
    RaftNode next = c.awaitLeader(3_000);
    c.advance(500);
    checker.check(c);
    for (RaftNode n : c.upNodes()) {
      assertThat(n.engine().log().configuration())
          .isEqualTo(Configuration.of(next.engine().log().configuration().voters()));
      assertThat(n.engine().log().configuration().allVoterIds())
          .containsExactly(ids("n1", "n2", "n3", "n4"));
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
    assertThat(follower.engine().proposeRemoveMember(leader.id))
        .isEqualTo(ProposalResult.NOT_LEADER);
    c.autoDeliver = false;
    assertThat(leader.engine().proposeRemoveMember(follower.id)).isEqualTo(ProposalResult.ACCEPTED);
    assertThat(leader.engine().proposeRemoveMember(leader.id))
        .isEqualTo(ProposalResult.CHANGE_IN_PROGRESS);
    assertThat(leader.engine().proposeAddMember(NodeId.of("n9"), follower.key.publicKey()))
        .isEqualTo(ProposalResult.CHANGE_IN_PROGRESS);
    c.autoDeliver = true;
    c.advance(300);
    assertThat(leader.engine().proposeRemoveMember(NodeId.of("n9")))
        .isEqualTo(ProposalResult.NO_CHANGE);
  }

  private static NodeId[] ids(String... names) {
    return List.of(names).stream().map(NodeId::of).toArray(NodeId[]::new);
  }
}

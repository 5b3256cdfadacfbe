package io.consensio.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.MembershipAdmin.Outcome;
import io.consensio.api.types.NodeId;
import io.consensio.raft.RaftEngine.Role;
import org.junit.jupiter.api.Test;

/** Leadership transfer with TimeoutNow (thesis §3.10). */
class LeadershipTransferTest {

  @Test
  void leadershipTransferMakesTheTargetLeaderOfTheNextTermWithoutLosingEntries() {
    RaftCluster c = RaftCluster.of(3, 41).start();
    RaftNode leader = c.awaitLeader(3_000);
    RaftNode target = c.nodes().stream().filter(n -> n != leader).findFirst().orElseThrow();
    c.submit(leader.id.value(), RaftCluster.tx(1));
    c.advance(100);
    long term = leader.engine().term();

    assertThat(leader.engine().transferLeadership(target.id).outcome()).isEqualTo(Outcome.ACCEPTED);
    c.advance(50);

    assertThat(target.engine().role()).isEqualTo(Role.LEADER);
    assertThat(target.engine().term()).isEqualTo(term + 1);
    assertThat(leader.engine().role()).isEqualTo(Role.FOLLOWER);
    assertThat(target.metrics.count("raft.transfer.timeout-now")).isEqualTo(1);
    c.submit(target.id.value(), RaftCluster.tx(2));
    c.advance(200);
    for (RaftNode n : c.nodes()) {
      assertThat(n.chain.finalizedHead().height()).isEqualTo(2);
    }
  }

  @Test
  void aLaggingTargetIsBroughtUpToDateBeforeItIsToldToCampaign() {
    RaftCluster c = RaftCluster.of(3, 42).start();
    RaftNode leader = c.awaitLeader(3_000);
    RaftNode target = c.nodes().stream().filter(n -> n != leader).findFirst().orElseThrow();
    c.cut(leader.id.value(), target.id.value());
    c.submit(leader.id.value(), RaftCluster.tx(1));
    c.advance(100);
    assertThat(target.chain.finalizedHead().height()).isZero();
    assertThat(leader.engine().transferLeadership(target.id).outcome()).isEqualTo(Outcome.ACCEPTED);
    c.heal();
    c.advance(100);
    assertThat(target.engine().role()).isEqualTo(Role.LEADER);
    assertThat(target.engine().log().lastIndex())
        .isGreaterThanOrEqualTo(leader.engine().log().lastIndex());
  }

  @Test
  void transferIsRefusedByFollowersAndForNonMembers() {
    RaftCluster c = RaftCluster.of(3, 43).start();
    RaftNode leader = c.awaitLeader(3_000);
    RaftNode follower = c.nodes().stream().filter(n -> n != leader).findFirst().orElseThrow();
    assertThat(follower.engine().transferLeadership(leader.id).outcome())
        .isEqualTo(Outcome.NOT_LEADER);
    assertThat(follower.engine().transferLeadership(leader.id).leader()).contains(leader.id);
    assertThat(leader.engine().transferLeadership(NodeId.of("stranger")).outcome())
        .isEqualTo(Outcome.INVALID);
    assertThat(leader.engine().transferLeadership(leader.id).outcome())
        .isEqualTo(Outcome.NO_CHANGE);
  }
}

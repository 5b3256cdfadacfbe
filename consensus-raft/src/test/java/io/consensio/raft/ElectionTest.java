package io.consensio.raft;

import static io.consensio.raft.RaftCluster.from;
import static io.consensio.raft.RaftCluster.ofType;
import static io.consensio.raft.RaftCluster.to;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.consensio.api.types.NodeId;
import io.consensio.raft.RaftEngine.Role;
import io.consensio.raft.harness.Envelope;
import io.consensio.raft.messages.RaftCodec;
import io.consensio.raft.messages.RaftMessage.VoteRequest;
import io.consensio.raft.messages.RaftMessage.VoteResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Leader election (paper §5.2, §5.4.1), Pre-Vote and CheckQuorum (thesis §9.6, §6.2). */
class ElectionTest {

  @Test
  void exactlyOneLeaderIsElectedAndEveryNodeFollowsIt() {
    RaftCluster c = RaftCluster.of(5, 11).start();
    RaftNode leader = c.awaitLeader(3_000);
    c.advance(500);
    for (RaftNode n : c.nodes()) {
      assertThat(n.engine().leader()).contains(leader.id);
      assertThat(n.engine().term()).isEqualTo(leader.engine().term());
      if (n != leader) {
        assertThat(n.engine().role()).isEqualTo(Role.FOLLOWER);
      }
    }
  }

  @Test
  void aNodeGrantsAtMostOneVotePerTermEvenAfterARestart() {
    RaftCluster c = RaftCluster.of(3, 12).start();
    c.autoDeliver = false;
    RaftEngine n1 = c.engine("n1");
    n1.onMessage(NodeId.of("n2"), RaftCodec.encode(new VoteRequest(5, 0, 0, false, false)));
    assertThat(lastVoteReply(c, "n1", "n2").granted()).isTrue();
    c.node("n1").crash();
    c.node("n1").restart();
    RaftEngine restarted = c.engine("n1");
    assertThat(restarted.term()).isEqualTo(5);
    assertThat(restarted.votedFor()).contains(NodeId.of("n2"));
    restarted.onMessage(NodeId.of("n3"), RaftCodec.encode(new VoteRequest(5, 0, 0, false, false)));
    assertThat(lastVoteReply(c, "n1", "n3").granted()).isFalse();
    // A retransmitted request from the candidate it voted for is granted again (same vote).
    restarted.onMessage(NodeId.of("n2"), RaftCodec.encode(new VoteRequest(5, 0, 0, false, false)));
    assertThat(lastVoteReply(c, "n1", "n2").granted()).isTrue();
  }

  @Test
  void aCandidateWhoseLogIsLessUpToDateIsDeniedVotes() {
    RaftCluster c = RaftCluster.of(3, 13).start();
    RaftNode leader = c.awaitLeader(3_000);
    String lagging =
        c.nodes().stream().filter(n -> n != leader).findFirst().orElseThrow().id.value();
    c.isolate(lagging);
    for (int i = 0; i < 3; i++) {
      c.submit(leader.id.value(), RaftCluster.tx(i));
    }
    c.advance(100);
    leader.crash();
    c.heal();
    c.advance(400); // lease expires
    c.autoDeliver = false;
    c.dropAll();
    c.engine(lagging).campaign();
    c.deliverAll();
    assertThat(c.engine(lagging).role()).isNotEqualTo(Role.LEADER);
    c.autoDeliver = true;
    RaftNode next = c.awaitLeader(3_000);
    assertThat(next.id.value()).isNotEqualTo(lagging);
    assertThat(next.chain.finalizedHead().height()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void preVoteStopsARejoiningPartitionedNodeFromBumpingTheTerm() {
    RaftCluster c = RaftCluster.of(3, 14).start();
    RaftNode leader = c.awaitLeader(3_000);
    long term = leader.engine().term();
    RaftNode partitioned = c.nodes().stream().filter(n -> n != leader).findFirst().orElseThrow();
    c.isolate(partitioned.id.value());
    c.advance(3_000); // many election timeouts on the partitioned node
    assertThat(partitioned.engine().term()).isEqualTo(term);
    assertThat(partitioned.engine().role()).isEqualTo(Role.PRE_CANDIDATE);
    c.heal();
    c.advance(1_000);
    assertThat(leader.engine().role()).isEqualTo(Role.LEADER);
    assertThat(leader.engine().term()).isEqualTo(term);
    assertThat(partitioned.engine().leader()).contains(leader.id);
  }

  @Test
  void withoutPreVoteTheSamePartitionedNodeDoesBumpItsTerm() {
    ObjectNode cfg = RaftCluster.config();
    cfg.put("preVote", false);
    RaftCluster c = RaftCluster.of(3, 14, cfg).start();
    RaftNode leader = c.awaitLeader(3_000);
    long term = leader.engine().term();
    RaftNode partitioned = c.nodes().stream().filter(n -> n != leader).findFirst().orElseThrow();
    c.isolate(partitioned.id.value());
    c.advance(3_000);
    assertThat(partitioned.engine().term()).isGreaterThan(term + 3);
  }

  @Test
  void checkQuorumMakesAnIsolatedLeaderStepDownAndTheRestElectAnother() {
    RaftCluster c = RaftCluster.of(5, 15).start();
    RaftNode leader = c.awaitLeader(3_000);
    c.isolate(leader.id.value());
    c.advance(400);
    assertThat(leader.engine().role()).isEqualTo(Role.FOLLOWER);
    assertThat(leader.metrics.count("raft.leader.check-quorum-failed")).isEqualTo(1);
    RaftNode next = c.awaitLeader(3_000);
    assertThat(next).isNotSameAs(leader);
  }

  @Test
  void aFollowerThatHeardFromItsLeaderRecentlyIgnoresVoteRequests() {
    RaftCluster c = RaftCluster.of(3, 16).start();
    RaftNode leader = c.awaitLeader(3_000);
    RaftNode follower = c.nodes().stream().filter(n -> n != leader).findFirst().orElseThrow();
    RaftNode other =
        c.nodes().stream().filter(n -> n != leader && n != follower).findFirst().orElseThrow();
    long term = follower.engine().term();
    c.autoDeliver = false;
    follower
        .engine()
        .onMessage(other.id, RaftCodec.encode(new VoteRequest(term + 1, 100, term, false, false)));
    assertThat(follower.engine().term()).isEqualTo(term);
    assertThat(follower.metrics.count("raft.message.dropped", "reason", "in-lease")).isEqualTo(1);
    assertThat(c.pending().stream().filter(from(follower.id.value())).toList()).isEmpty();
  }

  private static VoteResponse lastVoteReply(RaftCluster c, String voter, String candidate) {
    List<Envelope> replies =
        c.pending().stream()
            .filter(from(voter).and(to(candidate)).and(ofType(VoteResponse.class)))
            .toList();
    assertThat(replies).isNotEmpty();
    c.dropAll();
    return (VoteResponse) replies.get(replies.size() - 1).message();
  }
}

package io.consensio.raft.quorum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consensio.api.codec.CanonicalReader;
import io.consensio.api.codec.CanonicalWriter;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.types.NodeId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Quorum arithmetic, including joint configurations (paper §6). */
class ConfigurationTest {
  private static Server m(int i) {
    byte[] key = new byte[32];
    key[0] = (byte) i;
    return new Server(NodeId.of("n" + i), PublicKey.wrap(key), "10.0.0." + i + ":7000");
  }

  private static List<Server> members(int... ids) {
    List<Server> out = new ArrayList<>();
    for (int i : ids) {
      out.add(m(i));
    }
    return out;
  }

  private static Configuration simple(int... ids) {
    return new Configuration(members(ids), List.of(), List.of());
  }

  @Test
  void theCommitIndexIsTheHighestIndexStoredOnAMajority() {
    Configuration c = simple(1, 2, 3, 4, 5);
    Map<String, Long> match = Map.of("n1", 9L, "n2", 7L, "n3", 5L, "n4", 3L, "n5", 1L);
    assertThat(c.quorumIndex(id -> match.get(id.value()))).isEqualTo(5);
  }

  @Test
  void aJointConfigurationNeedsAMajorityOfBothHalves() {
    Configuration c = new Configuration(members(1, 2, 3), members(3, 4, 5), List.of());
    // Old half {1,2,3} has index 8 on a majority (1,2); new half {3,4,5} only 2 (4,5 at 2).
    Map<String, Long> match = Map.of("n1", 8L, "n2", 8L, "n3", 1L, "n4", 2L, "n5", 2L);
    assertThat(c.quorumIndex(id -> match.get(id.value()))).isEqualTo(2);
    assertThat(c.hasQuorum(Set.of(NodeId.of("n1"), NodeId.of("n2")))).isFalse();
    assertThat(c.hasQuorum(Set.of(NodeId.of("n1"), NodeId.of("n3"), NodeId.of("n4")))).isTrue();
  }

  @Test
  void anElectionInAJointConfigurationIsWonOnlyWithBothMajorities() {
    Configuration c = new Configuration(members(1, 2, 3), members(3, 4, 5), List.of());
    VoteTracker votes = new VoteTracker();
    votes.record(NodeId.of("n1"), true);
    votes.record(NodeId.of("n2"), true);
    assertThat(c.electionResult(votes)).isEqualTo(VoteTracker.Result.PENDING);
    votes.record(NodeId.of("n4"), false);
    votes.record(NodeId.of("n5"), false);
    assertThat(c.electionResult(votes)).isEqualTo(VoteTracker.Result.LOST);
    VoteTracker other = new VoteTracker();
    for (int i : new int[] {1, 3, 4}) {
      other.record(NodeId.of("n" + i), true);
    }
    assertThat(c.electionResult(other)).isEqualTo(VoteTracker.Result.WON);
    other.record(NodeId.of("n1"), false);
    assertThat(c.electionResult(other))
        .as("a voter's first answer counts")
        .isEqualTo(VoteTracker.Result.WON);
  }

  @Test
  void aConfigurationRoundTripsThroughItsEncoding() {
    Configuration c = new Configuration(members(3, 1, 2), members(1, 2, 3, 4), members(7));
    CanonicalWriter w = new CanonicalWriter();
    c.write(w);
    CanonicalReader r = new CanonicalReader(w.toByteArray());
    assertThat(Configuration.read(r)).isEqualTo(c);
    r.finish();
  }

  @Test
  void aLearnerNeitherVotesNorCountsTowardsTheCommitIndex() {
    // Thesis §4.2.1: a server being added receives the log without a vote until it has caught up.
    Configuration c = simple(1, 2, 3).withLearner(m(4));
    assertThat(c.isLearner(NodeId.of("n4"))).isTrue();
    assertThat(c.isVoter(NodeId.of("n4"))).isFalse();
    assertThat(c.isMember(NodeId.of("n4"))).isTrue();
    assertThat(c.allVoterIds()).hasSize(3);
    Map<String, Long> match = Map.of("n1", 9L, "n2", 1L, "n3", 1L, "n4", 9L);
    assertThat(c.quorumIndex(id -> match.get(id.value()))).isEqualTo(1);
    assertThat(c.hasQuorum(Set.of(NodeId.of("n1"), NodeId.of("n4")))).isFalse();
  }

  @Test
  void promotingALearnerGoesThroughAJointConfiguration() {
    Configuration joint = simple(1, 2, 3).withLearner(m(4)).jointPromoting(NodeId.of("n4"));
    assertThat(joint.isJoint()).isTrue();
    assertThat(joint.learners()).isEmpty();
    assertThat(joint.nextVoters()).extracting(Server::id).contains(NodeId.of("n4"));
    Configuration after = joint.leaveJoint();
    assertThat(after.isJoint()).isFalse();
    assertThat(after.allVoterIds()).hasSize(4);
    assertThat(after.server(NodeId.of("n4")).orElseThrow().address()).isEqualTo("10.0.0.4:7000");
  }

  @Test
  void aKeyOrIdCannotBelongToAVoterAndALearnerAtOnce() {
    Configuration c = simple(1, 2, 3);
    assertThatThrownBy(() -> c.withLearner(m(2))).isInstanceOf(IllegalArgumentException.class);
    Server sameKey = new Server(NodeId.of("n9"), m(1).publicKey(), "");
    assertThatThrownBy(() -> c.withLearner(sameKey)).isInstanceOf(IllegalArgumentException.class);
  }
}

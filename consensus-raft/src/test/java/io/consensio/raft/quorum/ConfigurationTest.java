package io.consensio.raft.quorum;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.Member;
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
  private static Member m(int i) {
    byte[] key = new byte[32];
    key[0] = (byte) i;
    return new Member(NodeId.of("n" + i), PublicKey.wrap(key));
  }

  private static List<Member> members(int... ids) {
    List<Member> out = new ArrayList<>();
    for (int i : ids) {
      out.add(m(i));
    }
    return out;
  }

  @Test
  void theCommitIndexIsTheHighestIndexStoredOnAMajority() {
    Configuration c = Configuration.of(members(1, 2, 3, 4, 5));
    Map<String, Long> match = Map.of("n1", 9L, "n2", 7L, "n3", 5L, "n4", 3L, "n5", 1L);
    assertThat(c.quorumIndex(id -> match.get(id.value()))).isEqualTo(5);
  }

  @Test
  void aJointConfigurationNeedsAMajorityOfBothHalves() {
    Configuration joint = Configuration.of(members(1, 2, 3)).jointAdding(m(4)).leaveJoint();
    assertThat(joint.allVoterIds()).hasSize(4);
    Configuration c = new Configuration(members(1, 2, 3), members(3, 4, 5));
    // Old half {1,2,3} has index 8 on a majority (1,2); new half {3,4,5} only 2 (4,5 at 2).
    Map<String, Long> match = Map.of("n1", 8L, "n2", 8L, "n3", 1L, "n4", 2L, "n5", 2L);
    assertThat(c.quorumIndex(id -> match.get(id.value()))).isEqualTo(2);
    assertThat(c.hasQuorum(Set.of(NodeId.of("n1"), NodeId.of("n2")))).isFalse();
    assertThat(c.hasQuorum(Set.of(NodeId.of("n1"), NodeId.of("n3"), NodeId.of("n4")))).isTrue();
  }

  @Test
  void anElectionInAJointConfigurationIsWonOnlyWithBothMajorities() {
    Configuration c = new Configuration(members(1, 2, 3), members(3, 4, 5));
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
    Configuration c = new Configuration(members(3, 1, 2), members(1, 2, 3, 4));
    CanonicalWriter w = new CanonicalWriter();
    c.write(w);
    CanonicalReader r = new CanonicalReader(w.toByteArray());
    assertThat(Configuration.read(r)).isEqualTo(c);
    r.finish();
  }
}

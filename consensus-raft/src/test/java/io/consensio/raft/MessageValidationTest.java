package io.consensio.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.types.NodeId;
import io.consensio.raft.RaftEngine.Role;
import io.consensio.raft.messages.RaftCodec;
import io.consensio.raft.messages.RaftMessage.AppendEntries;
import io.consensio.raft.messages.RaftMessage.Heartbeat;
import io.consensio.raft.messages.RaftMessage.HeartbeatResponse;
import io.consensio.raft.messages.RaftMessage.VoteRequest;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hostile input is dropped and counted and never throws (api ConsensusEngine contract). */
class MessageValidationTest {

  @Test
  void malformedMessagesAreDroppedAndCountedWithoutChangingState() {
    RaftCluster c = RaftCluster.of(3, 51).start();
    RaftNode leader = c.awaitLeader(3_000);
    RaftNode follower = c.nodes().stream().filter(n -> n != leader).findFirst().orElseThrow();
    long term = follower.engine().term();
    long lastIndex = follower.engine().log().lastIndex();
    byte[] valid = RaftCodec.encode(new Heartbeat(term + 5, 0));
    List<byte[]> garbage =
        List.of(
            new byte[0],
            new byte[] {99},
            Arrays.copyOf(valid, valid.length - 1),
            Arrays.copyOf(valid, valid.length + 1),
            negativeTerm(),
            new byte[] {
              3, 0, 0, 0, 0, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
              0, 0, 0, 0, 127, -1, -1, -1
            });
    for (byte[] bytes : garbage) {
      follower.engine().onMessage(leader.id, bytes);
    }
    assertThat(follower.metrics.count("raft.message.dropped", "reason", "malformed"))
        .isEqualTo(garbage.size());
    assertThat(follower.engine().term()).isEqualTo(term);
    assertThat(follower.engine().log().lastIndex()).isEqualTo(lastIndex);
    assertThat(follower.metrics.total("raft.message.failed")).isZero();
  }

  @Test
  void staleTermMessagesAreDroppedAndCountedAndTheStaleLeaderLearnsTheNewTerm() {
    RaftCluster c = RaftCluster.of(3, 52).start();
    RaftNode first = c.awaitLeader(3_000);
    RaftNode second = c.nodes().stream().filter(n -> n != first).findFirst().orElseThrow();
    first.engine().transferLeadership(second.id); // moves everyone to a later term
    c.advance(100);
    RaftNode follower = c.nodes().stream().filter(n -> n != second).findFirst().orElseThrow();
    long term = follower.engine().term();
    assertThat(term).isGreaterThan(1);
    c.autoDeliver = false;
    follower
        .engine()
        .onMessage(second.id, RaftCodec.encode(new AppendEntries(term - 1, 0, 0, 0, List.of())));
    follower
        .engine()
        .onMessage(
            second.id, RaftCodec.encode(new VoteRequest(term - 1, 99, term - 1, false, false)));
    assertThat(follower.metrics.count("raft.message.dropped", "reason", "stale-term")).isEqualTo(2);
    assertThat(
            c.pending().stream()
                .anyMatch(e -> e.message() instanceof HeartbeatResponse h && h.term() == term))
        .as("the stale leader is told the current term")
        .isTrue();
    assertThat(follower.engine().term()).isEqualTo(term);
    assertThat(follower.engine().role()).isEqualTo(Role.FOLLOWER);
  }

  @Test
  void messagesFromUnknownPeersAreDropped() {
    RaftCluster c = RaftCluster.of(3, 53).start();
    RaftNode leader = c.awaitLeader(3_000);
    leader.engine().onMessage(NodeId.of("mallory"), RaftCodec.encode(new Heartbeat(99, 0)));
    assertThat(leader.metrics.count("raft.message.dropped", "reason", "unknown-peer")).isEqualTo(1);
    assertThat(leader.engine().role()).isEqualTo(Role.LEADER);
  }

  private static byte[] negativeTerm() {
    byte[] b = RaftCodec.encode(new Heartbeat(1, 0));
    b[1] = (byte) 0x80; // the term's sign bit
    return b;
  }
}

package io.consensio.raft.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consensio.api.codec.DecodingException;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.types.Block;
import io.consensio.api.types.BlockHeader;
import io.consensio.api.types.Hash;
import io.consensio.api.types.MerkleTree;
import io.consensio.raft.log.LogEntry;
import io.consensio.raft.messages.RaftMessage.AppendEntries;
import io.consensio.raft.messages.RaftMessage.AppendResponse;
import io.consensio.raft.messages.RaftMessage.ForwardTransactions;
import io.consensio.raft.messages.RaftMessage.Heartbeat;
import io.consensio.raft.messages.RaftMessage.HeartbeatResponse;
import io.consensio.raft.messages.RaftMessage.InstallSnapshot;
import io.consensio.raft.messages.RaftMessage.InstallSnapshotResponse;
import io.consensio.raft.messages.RaftMessage.TimeoutNow;
import io.consensio.raft.messages.RaftMessage.VoteRequest;
import io.consensio.raft.messages.RaftMessage.VoteResponse;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RaftCodecTest {
  private static final Block BLOCK =
      new Block(
          new BlockHeader(
              1,
              Hash.ZERO,
              5,
              PublicKey.wrap(new byte[32]),
              MerkleTree.EMPTY_ROOT,
              Hash.ZERO,
              new byte[16]),
          List.of());

  @Test
  void everyMessageRoundTrips() {
    List<RaftMessage> all =
        List.of(
            new VoteRequest(4, 10, 3, true, false),
            new VoteResponse(4, true, true),
            new AppendEntries(
                4, 9, 3, 8, List.of(LogEntry.block(10, 4, BLOCK), LogEntry.noop(11, 4))),
            new AppendResponse(4, false, 9, 2, 7),
            new Heartbeat(4, 8),
            new HeartbeatResponse(4),
            new InstallSnapshot(4, 20, 3, 100, 40, new byte[] {1, 2, 3}),
            new InstallSnapshotResponse(4, 20, 43, false),
            new TimeoutNow(4),
            new ForwardTransactions(4, List.of()));
    for (RaftMessage m : all) {
      RaftMessage back = RaftCodec.decode(RaftCodec.encode(m));
      assertThat(RaftCodec.encode(back)).isEqualTo(RaftCodec.encode(m));
      assertThat(back.getClass()).isEqualTo(m.getClass());
    }
    AppendEntries a = (AppendEntries) RaftCodec.decode(RaftCodec.encode(all.get(2)));
    assertThat(a.entries().get(0).block()).contains(BLOCK);
    assertThat(a.entries().get(1).index()).isEqualTo(11);
  }

  @Test
  void decodingIsStrict() {
    byte[] heartbeat = RaftCodec.encode(new Heartbeat(4, 8));
    assertRejected(new byte[0]);
    assertRejected(new byte[] {42});
    assertRejected(Arrays.copyOf(heartbeat, heartbeat.length + 1));
    assertRejected(Arrays.copyOf(heartbeat, heartbeat.length - 1));
    // Zero term, a chunk beyond its declared total, a snapshot of a later term than the sender's.
    byte[] zeroTerm = heartbeat.clone();
    Arrays.fill(zeroTerm, 1, 9, (byte) 0);
    assertRejected(zeroTerm);
    assertRejected(RaftCodec.encode(new InstallSnapshot(4, 20, 3, 2, 0, new byte[] {1, 2, 3})));
    assertRejected(RaftCodec.encode(new InstallSnapshot(4, 20, 5, 9, 0, new byte[] {1})));
  }

  private static void assertRejected(byte[] bytes) {
    assertThatThrownBy(() -> RaftCodec.decode(bytes)).isInstanceOf(DecodingException.class);
  }
}

package io.consensio.raft.log;

import io.consensio.api.codec.CanonicalReader;
import io.consensio.api.codec.CanonicalWriter;
import io.consensio.api.types.NodeId;
import java.util.Optional;

/**
 * The state Raft keeps on stable storage besides the log (paper Figure 2, "Persistent state on all
 * servers"): the latest term seen and the candidate voted for in it. It must reach disk before the
 * node answers any RPC, or a restarted node could vote twice in one term.
 */
public record HardState(long term, Optional<NodeId> votedFor) {
  public static final HardState INITIAL = new HardState(0, Optional.empty());

  public byte[] encode() {
    CanonicalWriter w = new CanonicalWriter(80);
    w.writeLong(term);
    w.writeBoolean(votedFor.isPresent());
    votedFor.ifPresent(id -> id.write(w));
    return w.toByteArray();
  }

  public static HardState decode(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes);
    long term = r.readNonNegativeLong("term");
    Optional<NodeId> vote = r.readBoolean() ? Optional.of(NodeId.read(r)) : Optional.empty();
    r.finish();
    return new HardState(term, vote);
  }
}

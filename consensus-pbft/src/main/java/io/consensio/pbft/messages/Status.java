package io.consensio.pbft.messages;

import io.consensio.api.codec.CanonicalReader;
import io.consensio.api.codec.CanonicalWriter;
import java.util.List;

/**
 * ⟨STATUS, v, n, C, i⟩: a replica's periodic summary of where it stands — its view, its last
 * executed sequence number and its last stable checkpoint with the 2f+1 CHECKPOINT messages that
 * prove it (empty for the genesis checkpoint). Castro's BFT library multicasts such status messages
 * so that replicas learn what they are missing even when no request is in flight (TOCS'02 §5.2
 * retransmission, §6.2 state transfer triggered by a checkpoint proof): a replica that restarted
 * while the group is idle learns of checkpoints and executions above its own and fetches them. Only
 * the proof is trusted; {@code lastExecuted} is a hint whose worst case is a fetch request answered
 * with nothing.
 */
public record Status(
    long view, long lastExecuted, long stableSeq, List<Signed<Checkpoint>> stableProof)
    implements PbftMessage {
  public Status {
    stableProof = List.copyOf(stableProof);
  }

  @Override
  public MessageType type() {
    return MessageType.STATUS;
  }

  @Override
  public void writeBody(CanonicalWriter w) {
    w.writeLong(view);
    w.writeLong(lastExecuted);
    w.writeLong(stableSeq);
    w.writeList(stableProof, (writer, c) -> c.write(writer));
  }

  static Status read(CanonicalReader r) {
    long view = r.readNonNegativeLong("view");
    long lastExecuted = r.readNonNegativeLong("lastExecuted");
    long stableSeq = r.readNonNegativeLong("stableSeq");
    List<Signed<Checkpoint>> proof =
        r.readList(MessageCodec.MAX_REPLICAS, x -> MessageCodec.readSigned(x, Checkpoint.class));
    return new Status(view, lastExecuted, stableSeq, proof);
  }
}

package io.consensio.pbft.messages;

import io.consensio.api.codec.CanonicalReader;
import io.consensio.api.codec.CanonicalWriter;
import java.util.List;

/**
 * ⟨VIEW-CHANGE, v+1, n, C, P, i⟩ (OSDI'99 §4.4): n is the sender's last stable checkpoint, C its
 * 2f+1 checkpoint messages (empty for the genesis checkpoint n = 0), P one prepared proof per
 * sequence number above n, each from the highest view in which it prepared.
 */
public record ViewChange(
    long newView,
    long stableSeq,
    List<Signed<Checkpoint>> checkpointProof,
    List<PreparedProof> prepared)
    implements PbftMessage {
  public ViewChange {
    checkpointProof = List.copyOf(checkpointProof);
    prepared = List.copyOf(prepared);
  }

  @Override
  public MessageType type() {
    return MessageType.VIEW_CHANGE;
  }

  @Override
  public void writeBody(CanonicalWriter w) {
    w.writeLong(newView);
    w.writeLong(stableSeq);
    w.writeList(checkpointProof, (writer, c) -> c.write(writer));
    w.writeList(prepared, (writer, p) -> p.write(writer));
  }

  static ViewChange read(CanonicalReader r) {
    long newView = r.readNonNegativeLong("newView");
    long stableSeq = r.readNonNegativeLong("stableSeq");
    List<Signed<Checkpoint>> proof =
        r.readList(MessageCodec.MAX_REPLICAS, x -> MessageCodec.readSigned(x, Checkpoint.class));
    List<PreparedProof> prepared = r.readList(MessageCodec.MAX_WINDOW, PreparedProof::read);
    return new ViewChange(newView, stableSeq, proof, prepared);
  }
}

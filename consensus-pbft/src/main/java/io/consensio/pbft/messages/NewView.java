package io.consensio.pbft.messages;

import io.consensio.api.codec.CanonicalReader;
import io.consensio.api.codec.CanonicalWriter;
import java.util.List;

/**
 * ⟨NEW-VIEW, v+1, V, O⟩ (OSDI'99 §4.4): V holds the 2f+1 VIEW-CHANGE messages the new primary
 * collected, O the pre-prepares (each signed on its own, so it can later appear in a prepared
 * proof) for every sequence number between min-s and max-s.
 */
public record NewView(
    long view, List<Signed<ViewChange>> viewChanges, List<Signed<PrePrepare>> prePrepares)
    implements PbftMessage {
  public NewView {
    viewChanges = List.copyOf(viewChanges);
    prePrepares = List.copyOf(prePrepares);
  }

  @Override
  public MessageType type() {
    return MessageType.NEW_VIEW;
  }

  @Override
  public void writeBody(CanonicalWriter w) {
    w.writeLong(view);
    w.writeList(viewChanges, (writer, v) -> v.write(writer));
    w.writeList(prePrepares, (writer, p) -> p.write(writer));
  }

  static NewView read(CanonicalReader r) {
    long view = r.readNonNegativeLong("view");
    List<Signed<ViewChange>> vcs =
        r.readList(MessageCodec.MAX_REPLICAS, x -> MessageCodec.readSigned(x, ViewChange.class));
    List<Signed<PrePrepare>> o =
        r.readList(MessageCodec.MAX_WINDOW, x -> MessageCodec.readSigned(x, PrePrepare.class));
    return new NewView(view, vcs, o);
  }
}

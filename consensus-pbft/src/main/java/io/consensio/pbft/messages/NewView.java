package io.consensio.pbft.messages;

import io.consensio.api.codec.CanonicalReader;
import io.consensio.api.codec.CanonicalWriter;
import io.consensio.api.types.BlockHeader;
import java.util.List;

/**
 * ⟨NEW-VIEW, v+1, V, O⟩ (OSDI'99 §4.4): V holds the 2f+1 VIEW-CHANGE messages the new primary
 * collected, O one pre-prepare ⟨v+1, n, d⟩ for every sequence number n in (min-s, max-s], carried
 * as the chosen block's header: n is its height, d its id, v+1 this message's view, and the header
 * names the parent (TOCS'02 §4.4: pre-prepares without the client messages). The new primary's
 * signature over the NEW-VIEW covers O. A re-proposed block's transactions are not carried: a
 * replica that lacks them fetches them by (n, d) ({@link BlockRequest}); a null block has none, so
 * its body is its header. Immutable.
 */
public record NewView(long view, List<Signed<ViewChange>> viewChanges, List<BlockHeader> proposals)
    implements PbftMessage {
  public NewView {
    viewChanges = List.copyOf(viewChanges);
    proposals = List.copyOf(proposals);
  }

  @Override
  public MessageType type() {
    return MessageType.NEW_VIEW;
  }

  @Override
  public void writeBody(CanonicalWriter w) {
    w.writeLong(view);
    w.writeList(viewChanges, (writer, v) -> v.write(writer));
    w.writeList(proposals, (writer, h) -> h.write(writer));
  }

  static NewView read(CanonicalReader r) {
    long view = r.readNonNegativeLong("view");
    List<Signed<ViewChange>> vcs =
        r.readList(MessageCodec.MAX_REPLICAS, x -> MessageCodec.readSigned(x, ViewChange.class));
    List<BlockHeader> o = r.readList(MessageCodec.MAX_WINDOW, BlockHeader::read);
    return new NewView(view, vcs, o);
  }
}

package io.consensio.pbft.messages;

import io.consensio.api.codec.CanonicalReader;
import io.consensio.api.codec.CanonicalWriter;

/**
 * Asks a peer for the committed blocks at sequence numbers {@code fromSeq..toSeq} (inclusive), each
 * sealed with its commit certificate (state transfer, OSDI'99 §4.3 / TOCS'02 §6.2, simplified to
 * fetching the missing blocks of the chain instead of partition trees).
 */
public record StateRequest(long fromSeq, long toSeq) implements PbftMessage {
  @Override
  public MessageType type() {
    return MessageType.STATE_REQUEST;
  }

  @Override
  public void writeBody(CanonicalWriter w) {
    w.writeLong(fromSeq);
    w.writeLong(toSeq);
  }

  static StateRequest read(CanonicalReader r) {
    return new StateRequest(r.readNonNegativeLong("fromSeq"), r.readNonNegativeLong("toSeq"));
  }
}

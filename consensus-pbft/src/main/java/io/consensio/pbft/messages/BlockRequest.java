package io.consensio.pbft.messages;

import io.consensio.api.codec.CanonicalReader;
import io.consensio.api.codec.CanonicalWriter;
import io.consensio.api.types.Hash;
import java.util.Objects;

/**
 * Asks peers for the block d proposed at sequence number n, which a NEW-VIEW's O or a prepared
 * certificate names by header only (TOCS'02 §4.4 carries pre-prepares without their requests, and a
 * replica fetches a request it lacks). Answered with a {@link BlockResponse} that the asker checks
 * against d.
 */
public record BlockRequest(long seq, Hash digest) implements PbftMessage {
  public BlockRequest {
    Objects.requireNonNull(digest);
  }

  @Override
  public MessageType type() {
    return MessageType.BLOCK_REQUEST;
  }

  @Override
  public void writeBody(CanonicalWriter w) {
    w.writeLong(seq);
    digest.write(w);
  }

  static BlockRequest read(CanonicalReader r) {
    return new BlockRequest(r.readNonNegativeLong("seq"), Hash.read(r));
  }
}

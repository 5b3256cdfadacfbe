package io.consensio.pbft.messages;

import io.consensio.api.codec.CanonicalReader;
import io.consensio.api.codec.CanonicalWriter;
import io.consensio.api.types.Hash;
import java.util.Objects;

/** ⟨PREPARE, v, n, d, i⟩ sent by backups that accepted a pre-prepare (OSDI'99 §4.2). */
public record Prepare(long view, long seq, Hash digest) implements PbftMessage {
  public Prepare {
    Objects.requireNonNull(digest);
  }

  @Override
  public MessageType type() {
    return MessageType.PREPARE;
  }

  @Override
  public void writeBody(CanonicalWriter w) {
    w.writeLong(view);
    w.writeLong(seq);
    digest.write(w);
  }

  static Prepare read(CanonicalReader r) {
    return new Prepare(r.readNonNegativeLong("view"), r.readNonNegativeLong("seq"), Hash.read(r));
  }
}

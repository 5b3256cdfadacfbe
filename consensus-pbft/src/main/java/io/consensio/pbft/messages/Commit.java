package io.consensio.pbft.messages;

import io.consensio.api.codec.CanonicalReader;
import io.consensio.api.codec.CanonicalWriter;
import io.consensio.api.types.Hash;
import java.util.Objects;

/**
 * ⟨COMMIT, v, n, D(m), i⟩ sent once a replica is prepared (OSDI'99 §4.2). 2f+1 of these signatures
 * over one (v, n, d) form the block's commit certificate.
 */
public record Commit(long view, long seq, Hash digest) implements PbftMessage {
  public Commit {
    Objects.requireNonNull(digest);
  }

  @Override
  public MessageType type() {
    return MessageType.COMMIT;
  }

  @Override
  public void writeBody(CanonicalWriter w) {
    w.writeLong(view);
    w.writeLong(seq);
    digest.write(w);
  }

  static Commit read(CanonicalReader r) {
    return new Commit(r.readNonNegativeLong("view"), r.readNonNegativeLong("seq"), Hash.read(r));
  }
}

package io.consensio.pbft.messages;

import io.consensio.api.codec.CanonicalReader;
import io.consensio.api.codec.CanonicalWriter;
import java.util.List;
import java.util.Objects;

/**
 * The set P_m of a VIEW-CHANGE (OSDI'99 §4.4): a pre-prepare and 2f matching prepares from distinct
 * backups, proving the request was prepared in the pre-prepare's view. Not a message on its own.
 */
public record PreparedProof(Signed<PrePrepare> prePrepare, List<Signed<Prepare>> prepares) {
  public PreparedProof {
    Objects.requireNonNull(prePrepare);
    prepares = List.copyOf(prepares);
  }

  public long view() {
    return prePrepare.message().view();
  }

  public long seq() {
    return prePrepare.message().seq();
  }

  public void write(CanonicalWriter w) {
    prePrepare.write(w);
    w.writeList(prepares, (writer, p) -> p.write(writer));
  }

  public static PreparedProof read(CanonicalReader r) {
    Signed<PrePrepare> pp = MessageCodec.readSigned(r, PrePrepare.class);
    List<Signed<Prepare>> prepares =
        r.readList(MessageCodec.MAX_REPLICAS, x -> MessageCodec.readSigned(x, Prepare.class));
    return new PreparedProof(pp, prepares);
  }
}

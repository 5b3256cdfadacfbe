package io.consensio.pbft.messages;

import io.consensio.api.codec.CanonicalReader;
import io.consensio.api.codec.CanonicalWriter;
import io.consensio.api.types.BlockHeader;
import io.consensio.api.types.Hash;
import java.util.List;
import java.util.Objects;

/**
 * The set P_m of a VIEW-CHANGE (OSDI'99 §4.4): ⟨v, n, d⟩ and 2f matching PREPAREs, each signed by a
 * distinct backup of view v, proving the request prepared in view v. As TOCS'02 §4.4 prescribes, it
 * holds the pre-prepare "without the corresponding client message": here the block's header, whose
 * id is d (the prepares sign it) and which names the parent, which recomputing O needs. The block's
 * transactions are not carried; a replica that lacks them fetches them by (n, d). Not a message on
 * its own; the enclosing VIEW-CHANGE is signed by its sender.
 *
 * <p>The pre-prepare is carried without the primary's signature, so the proof is the same whether
 * PRE-PREPAREs travel signed or with a MAC authenticator ({@code consensus.pbft.authentication}).
 * The 2f signed prepares alone prove what the view change needs, for f ≥ 1: (1) at least one
 * correct backup accepted the primary's pre-prepare for d (at most f of the 2f are faulty), so d
 * was really proposed in v — and that backup imported the block d, so a correct replica holds its
 * body; (2) no two such proofs for (v, n) name different digests: two sets of 2f among the 3f
 * backups share at least f replicas, so if they disagree all f shared ones are faulty, the primary
 * is then correct and proposed only one digest, and the at least f ≥ 1 correct backups of the other
 * set cannot have prepared a digest it never proposed. Immutable.
 */
public record PreparedProof(
    long view, long seq, BlockHeader header, List<Signed<Prepare>> prepares) {
  public PreparedProof {
    Objects.requireNonNull(header);
    prepares = List.copyOf(prepares);
  }

  /** d: the id of the prepared block. */
  public Hash digest() {
    return header.id();
  }

  public void write(CanonicalWriter w) {
    w.writeLong(view);
    w.writeLong(seq);
    header.write(w);
    w.writeList(prepares, (writer, p) -> p.write(writer));
  }

  public static PreparedProof read(CanonicalReader r) {
    long view = r.readNonNegativeLong("view");
    long seq = r.readNonNegativeLong("seq");
    BlockHeader header = BlockHeader.read(r);
    List<Signed<Prepare>> prepares =
        r.readList(MessageCodec.MAX_REPLICAS, x -> MessageCodec.readSigned(x, Prepare.class));
    return new PreparedProof(view, seq, header, prepares);
  }
}

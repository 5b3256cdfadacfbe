package io.consensio.pbft;

import io.consensio.api.codec.CanonicalReader;
import io.consensio.api.codec.CanonicalWriter;
import io.consensio.api.codec.DecodingException;
import io.consensio.api.services.DurableStore;
import io.consensio.api.types.Hash;
import io.consensio.pbft.messages.Commit;
import io.consensio.pbft.messages.MessageCodec;
import io.consensio.pbft.messages.MessageType;
import io.consensio.pbft.messages.PrePrepare;
import io.consensio.pbft.messages.Prepare;
import io.consensio.pbft.messages.PreparedProof;
import io.consensio.pbft.messages.Signed;
import io.consensio.pbft.messages.ViewChange;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The replica's protocol state in the {@link DurableStore}, so that a restarted replica never
 * contradicts what it said before it crashed (TOCS'02 §4 assumes replicas keep their log across
 * restarts): the current view, the stable checkpoint with its proof, every pre-prepare it accepted
 * or sent, its own prepares and commits, its prepared certificates (which its next VIEW-CHANGE must
 * report), and the commit certificates of executed blocks (which state transfer serves).
 * Pre-prepares are kept without their blocks, which the ledger stores (see {@link PrePrepareRef};
 * {@link LedgerBodies} puts them back on restart), prepared certificates with the block's header
 * only, and the pre-prepares of an installed NEW-VIEW's O by ⟨v, n, d⟩ even while the block is not
 * held yet. Callers {@link #sync()} before sending a message whose content was just recorded. Keys
 * start with a sequence number in big-endian order, so a checkpoint deletes the garbage with one
 * range delete. Not thread-safe.
 */
public final class ReplicaStore {
  private static final byte[] VIEW = key("view");
  private static final byte[] CHECKPOINT = key("checkpoint");
  private static final String PRE_PREPARE = "log/pp/";
  private static final String PREPARE = "log/pr/";
  private static final String COMMIT = "log/cm/";
  private static final String PREPARED = "log/pf/";
  private static final String ASSIGNED = "log/as/";
  private static final String CERTIFICATE = "cert/";
  private static final String OWN_VIEW_CHANGE = "vc/";

  private final DurableStore store;

  public ReplicaStore(DurableStore store) {
    this.store = store;
  }

  /** The persisted view and whether the replica was active in it (false: changing view). */
  public record ViewState(long view, boolean active) {}

  public void saveView(long view, boolean active) {
    CanonicalWriter w = new CanonicalWriter(16);
    w.writeLong(view);
    w.writeBoolean(active);
    store.put(VIEW, w.toByteArray());
  }

  public Optional<ViewState> loadView() {
    return store
        .get(VIEW)
        .map(
            bytes -> {
              CanonicalReader r = new CanonicalReader(bytes);
              ViewState state = new ViewState(r.readNonNegativeLong("view"), r.readBoolean());
              r.finish();
              return state;
            });
  }

  public void saveCheckpoint(StableCheckpoint checkpoint) {
    store.put(CHECKPOINT, checkpoint.encode());
  }

  public Optional<StableCheckpoint> loadCheckpoint() {
    return store.get(CHECKPOINT).map(StableCheckpoint::decode);
  }

  /**
   * A pre-prepare without its block, as this replica keeps it: ⟨v, n, d⟩. The block d is the
   * ledger's ({@code ChainStore.block(d)}), which imports it before the pre-prepare is accepted or
   * sent, so every body is stored once, by the ledger.
   */
  public record PrePrepareRef(long view, long seq, Hash digest) {
    public PrePrepareRef {
      Objects.requireNonNull(digest);
    }

    public static PrePrepareRef of(PrePrepare pp) {
      return new PrePrepareRef(pp.view(), pp.seq(), pp.digest());
    }

    void write(CanonicalWriter w) {
      w.writeLong(view);
      w.writeLong(seq);
      digest.write(w);
    }

    static PrePrepareRef read(CanonicalReader r) {
      return new PrePrepareRef(
          r.readNonNegativeLong("view"), r.readNonNegativeLong("seq"), Hash.read(r));
    }
  }

  /**
   * A pre-prepare this replica accepted or sent, without its block (see {@link PrePrepareRef}); it
   * was authenticated on receipt. The ledger's write of the block becomes durable with the same
   * {@link #sync()}: {@link DurableStore#sync()} makes every write so far durable, the ledger's
   * included (one write-ahead log per node).
   */
  public void savePrePrepare(PrePrepare pp) {
    CanonicalWriter w = new CanonicalWriter(64);
    w.writeByte(MessageType.PRE_PREPARE.tag());
    PrePrepareRef.of(pp).write(w);
    store.put(logKey(PRE_PREPARE, pp.seq(), pp.view()), w.toByteArray());
  }

  public void savePrepare(Signed<Prepare> p) {
    store.put(logKey(PREPARE, p.message().seq(), p.message().view()), p.encode());
  }

  public void saveCommit(Signed<Commit> c) {
    store.put(logKey(COMMIT, c.message().seq(), c.message().view()), c.encode());
  }

  /** A prepared certificate: it holds the block's header, not its transactions. */
  public void savePrepared(PreparedProof proof) {
    CanonicalWriter w = new CanonicalWriter(512);
    proof.write(w);
    store.put(logKey(PREPARED, proof.seq(), 0), w.toByteArray());
  }

  /**
   * A pre-prepare ⟨v, n, d⟩ of a NEW-VIEW's O, recorded when the view is installed, whether or not
   * this replica holds the block yet: after a restart it must still refuse another digest for (v,
   * n) and fetch the body it lacks.
   */
  public void saveAssigned(PrePrepareRef assigned) {
    CanonicalWriter w = new CanonicalWriter(64);
    assigned.write(w);
    store.put(logKey(ASSIGNED, assigned.seq(), assigned.view()), w.toByteArray());
  }

  public List<PrePrepareRef> assigned() {
    return scan(ASSIGNED, exactly(PrePrepareRef::read));
  }

  public void saveCertificate(CommitCertificate certificate) {
    store.put(logKey(CERTIFICATE, certificate.seq(), 0), certificate.encode());
  }

  public Optional<CommitCertificate> certificate(long seq) {
    return store.get(logKey(CERTIFICATE, seq, 0)).map(CommitCertificate::decode);
  }

  /** This replica's VIEW-CHANGE for one view, kept to answer replicas still in that view. */
  public void saveOwnViewChange(Signed<ViewChange> vc) {
    store.put(logKey(OWN_VIEW_CHANGE, vc.message().newView(), 0), vc.encode());
  }

  public void deleteOwnViewChange(long view) {
    store.delete(logKey(OWN_VIEW_CHANGE, view, 0));
  }

  public List<Signed<ViewChange>> ownViewChanges() {
    return scan(OWN_VIEW_CHANGE, b -> MessageCodec.decodeAs(b, ViewChange.class));
  }

  /**
   * The logged pre-prepares, without blocks. Bytes after ⟨v, n, d⟩ are ignored: records written
   * before bodies were stored once also held the block, after the same prefix.
   */
  public List<PrePrepareRef> prePrepares() {
    return scan(
        PRE_PREPARE,
        b -> {
          CanonicalReader r = new CanonicalReader(b);
          if (r.readByte() != MessageType.PRE_PREPARE.tag()) {
            throw new DecodingException("not a pre-prepare");
          }
          return PrePrepareRef.read(r);
        });
  }

  public List<Signed<Prepare>> prepares() {
    return scan(PREPARE, b -> MessageCodec.decodeAs(b, Prepare.class));
  }

  public List<Signed<Commit>> commits() {
    return scan(COMMIT, b -> MessageCodec.decodeAs(b, Commit.class));
  }

  public List<PreparedProof> preparedProofs() {
    return scan(PREPARED, exactly(PreparedProof::read));
  }

  /** A record decoder that refuses trailing bytes. */
  private static <T> Decoder<T> exactly(java.util.function.Function<CanonicalReader, T> reader) {
    return bytes -> {
      CanonicalReader r = new CanonicalReader(bytes);
      T value = reader.apply(r);
      r.finish();
      return value;
    };
  }

  /** Drops the message log at or below a stable checkpoint; certificates are kept. */
  public void truncateUpTo(long stableSeq) {
    for (String prefix : List.of(PRE_PREPARE, PREPARE, COMMIT, PREPARED, ASSIGNED)) {
      store.deleteRange(logKey(prefix, 0, 0), logKey(prefix, stableSeq + 1, 0));
    }
  }

  public void sync() {
    store.sync();
  }

  private interface Decoder<T> {
    T decode(byte[] bytes);
  }

  private <T> List<T> scan(String prefix, Decoder<T> decoder) {
    List<T> out = new ArrayList<>();
    store.scan(
        key(prefix),
        (k, v) -> {
          try {
            out.add(decoder.decode(v));
          } catch (DecodingException | IllegalArgumentException e) {
            // A record this version cannot read is skipped rather than stopping the node; it
            // only ever holds what this replica wrote itself.
          }
        });
    return out;
  }

  private static byte[] key(String name) {
    return ("pbft/" + name).getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] logKey(String prefix, long seq, long view) {
    byte[] head = key(prefix);
    return ByteBuffer.allocate(head.length + 16).put(head).putLong(seq).putLong(view).array();
  }
}

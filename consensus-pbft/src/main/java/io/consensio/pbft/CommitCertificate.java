package io.consensio.pbft;

import io.consensio.api.SealVerdict;
import io.consensio.api.codec.CanonicalReader;
import io.consensio.api.codec.CanonicalWriter;
import io.consensio.api.codec.DecodingException;
import io.consensio.api.crypto.Signature;
import io.consensio.api.crypto.Verifier;
import io.consensio.api.types.Block;
import io.consensio.api.types.Hash;
import io.consensio.api.types.NodeId;
import io.consensio.pbft.messages.Commit;
import io.consensio.pbft.messages.MessageCodec;
import io.consensio.pbft.messages.Signed;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A block's seal: 2f+1 COMMIT signatures from distinct replicas over one (v, n, d), the proof that
 * the block committed at sequence number n (OSDI'99 §4.2, "committed(m, v, n)": a quorum of 2f+1
 * prepared replicas). Anyone holding the membership can check it, so a lagging or new node accepts
 * a final block without trusting whoever sent it. Immutable.
 */
public record CommitCertificate(long view, long seq, Hash digest, List<Entry> signatures) {

  /** One replica's signature on ⟨COMMIT, view, seq, digest⟩. */
  public record Entry(NodeId replica, Signature signature) {}

  public CommitCertificate {
    signatures = List.copyOf(signatures);
  }

  /** Builds a certificate from matching commits, sorted by replica so every node seals alike. */
  public static CommitCertificate of(
      long view, long seq, Hash digest, Collection<Signed<Commit>> commits) {
    List<Entry> entries = new ArrayList<>();
    for (Signed<Commit> c : commits) {
      entries.add(new Entry(c.sender(), c.signature()));
    }
    entries.sort(Comparator.comparing(Entry::replica));
    return new CommitCertificate(view, seq, digest, entries);
  }

  public byte[] encode() {
    CanonicalWriter w = new CanonicalWriter(64 + signatures.size() * 80);
    w.writeLong(view);
    w.writeLong(seq);
    digest.write(w);
    w.writeList(
        signatures,
        (writer, e) -> {
          e.replica().write(writer);
          e.signature().write(writer);
        });
    return w.toByteArray();
  }

  /** Strict decoding of a seal; throws {@link DecodingException} on malformed bytes. */
  public static CommitCertificate decode(byte[] seal) {
    CanonicalReader r = new CanonicalReader(seal);
    long view = r.readNonNegativeLong("view");
    long seq = r.readNonNegativeLong("seq");
    Hash digest = Hash.read(r);
    List<Entry> entries =
        r.readList(MessageCodec.MAX_REPLICAS, x -> new Entry(NodeId.read(x), Signature.read(x)));
    r.finish();
    return new CommitCertificate(view, seq, digest, entries);
  }

  /**
   * The distinct members whose COMMIT signatures in this certificate verify for {@code block}, in
   * member order; empty if the certificate is not for {@code block}.
   */
  public List<NodeId> validSigners(Block block, Quorum quorum, Verifier verifier) {
    if (!digest.equals(block.id()) || seq != block.height()) {
      return List.of();
    }
    Set<NodeId> valid = new HashSet<>();
    for (Entry e : signatures) {
      var member = quorum.membership().member(e.replica());
      if (member.isPresent()
          && !valid.contains(e.replica())
          && verifier.verify(
              member.get().publicKey(),
              Signed.signingBytes(new Commit(view, seq, digest), e.replica()),
              e.signature())) {
        valid.add(e.replica());
      }
    }
    return quorum.membership().ids().stream().filter(valid::contains).toList();
  }

  /**
   * Checks the certificate for {@code block}: its digest is the block id, its sequence number the
   * block height, and at least 2f+1 distinct members signed the commit. Unknown signers, duplicates
   * and bad signatures do not count.
   */
  public SealVerdict verify(Block block, Quorum quorum, Verifier verifier) {
    if (!digest.equals(block.id())) {
      return SealVerdict.reject("certificate-digest-mismatch");
    }
    if (seq != block.height()) {
      return SealVerdict.reject("certificate-seq-mismatch");
    }
    byte[] signed = null;
    Set<NodeId> valid = new HashSet<>();
    for (Entry e : signatures) {
      if (valid.contains(e.replica())) {
        continue;
      }
      var member = quorum.membership().member(e.replica());
      if (member.isEmpty()) {
        continue;
      }
      signed = Signed.signingBytes(new Commit(view, seq, digest), e.replica());
      if (verifier.verify(member.get().publicKey(), signed, e.signature())) {
        valid.add(e.replica());
      }
    }
    if (valid.size() < quorum.quorum()) {
      return SealVerdict.reject(
          "certificate-needs-" + quorum.quorum() + "-valid-commits-has-" + valid.size());
    }
    return SealVerdict.VALID;
  }

  /** Decodes and verifies a block's seal in one step; malformed seals are rejected, not thrown. */
  public static SealVerdict verifySeal(Block block, Quorum quorum, Verifier verifier) {
    byte[] seal = block.header().seal();
    if (seal.length == 0) {
      return SealVerdict.reject("missing-commit-certificate");
    }
    try {
      return decode(seal).verify(block, quorum, verifier);
    } catch (DecodingException | IllegalArgumentException e) {
      return SealVerdict.reject("malformed-commit-certificate");
    }
  }
}

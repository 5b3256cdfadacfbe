package io.consensio.raft;

import io.consensio.api.SealVerdict;
import io.consensio.api.codec.CanonicalReader;
import io.consensio.api.codec.CanonicalWriter;
import io.consensio.api.codec.DecodingException;
import io.consensio.api.crypto.Signature;
import io.consensio.api.types.Block;
import io.consensio.api.types.Hash;
import io.consensio.api.types.Transaction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The seal of a Raft block: the term and log index of the entry that carries it, and a digest of
 * the block's transaction signatures. In Raft the proof that a block is agreed is its commitment in
 * the log, not something verifiable from the block alone (Raft tolerates crashes, not lies), so the
 * seal records where the block sits in the log.
 *
 * <p>Why the signature digest: a block's id covers its header, and the header's transaction root
 * covers each transaction's id, but a transaction id excludes its signature (see {@link
 * Transaction}). Without the digest, a copy of an entry whose signature bytes were damaged or
 * forged in transit has the same term, index and block id as the leader's entry. A follower
 * acknowledges an entry once it is stored, before it executes the block, so it must know before
 * storing that the bytes are the leader's: otherwise it would keep the damaged copy, take the
 * leader's genuine copy for a duplicate (Log Matching, paper §5.3, identifies an entry by term and
 * index), and never be able to execute the block. With the digest every byte of the block is bound
 * to (block id, seal), which {@link #check} verifies with one hash, no signature arithmetic.
 *
 * <p>The digest is an integrity check, not an authentication: a member that lies could recompute
 * it, and Raft trusts its members (see the module README's fault model). The ledger still verifies
 * every signature when it executes the block.
 */
public record RaftSeal(long term, long index, Hash signatures) {
  public static final int ENCODED_BYTES = 16 + Hash.SIZE;

  private static final byte[] DOMAIN =
      "consensio/raft/block-signatures/v1".getBytes(StandardCharsets.US_ASCII);

  /** The seal of {@code block} carried by the entry ({@code term}, {@code index}). */
  public static RaftSeal of(long term, long index, Block block) {
    return new RaftSeal(term, index, signaturesDigest(block.transactions()));
  }

  public byte[] encode() {
    CanonicalWriter w = new CanonicalWriter(ENCODED_BYTES).writeLong(term).writeLong(index);
    signatures.write(w);
    return w.toByteArray();
  }

  /** SHA-256 over the transactions' signatures in block order, under a domain tag. */
  public static Hash signaturesDigest(List<Transaction> transactions) {
    CanonicalWriter w = new CanonicalWriter(transactions.size() * Signature.SIZE + 8);
    for (Transaction tx : transactions) {
      tx.signature().write(w);
    }
    return Hash.sha256(DOMAIN, w.toByteArray());
  }

  /**
   * The verdict on {@code block}'s seal: valid when it decodes (see {@link #decode}) and its digest
   * matches the signatures the block carries.
   */
  public static SealVerdict check(Block block) {
    RaftSeal seal;
    try {
      seal = decode(block.header().seal());
    } catch (DecodingException e) {
      return SealVerdict.reject("bad-raft-seal: " + e.getMessage());
    }
    if (!seal.signatures().equals(signaturesDigest(block.transactions()))) {
      return SealVerdict.reject("bad-raft-seal: signatures do not match the seal's digest");
    }
    return SealVerdict.VALID;
  }

  /** Decodes a seal strictly: two positive longs and a 32-byte digest, nothing more. */
  public static RaftSeal decode(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes);
    long term = r.readLong();
    long index = r.readLong();
    Hash signatures = Hash.read(r);
    r.finish();
    if (term <= 0) {
      throw new DecodingException("seal term must be positive, got " + term);
    }
    if (index <= 0) {
      throw new DecodingException("seal index must be positive, got " + index);
    }
    return new RaftSeal(term, index, signatures);
  }
}

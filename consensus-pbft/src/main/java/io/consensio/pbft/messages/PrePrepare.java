package io.consensio.pbft.messages;

import io.consensio.api.codec.CanonicalReader;
import io.consensio.api.codec.CanonicalWriter;
import io.consensio.api.types.Block;
import io.consensio.api.types.Hash;
import java.util.Objects;

/**
 * ⟨PRE-PREPARE, v, n, d⟩ with the proposed block m piggybacked (OSDI'99 §4.2). The digest d is the
 * block id; the block travels unsealed because its commit certificate does not exist yet. Only ⟨v,
 * n, d⟩ is authenticated (signed, {@link #writeSignedBody}, or MAC'd, {@link
 * MacPrePrepare#macBytes}): the block is bound by the check d = D(m), {@link #bindsBlock}, which a
 * receiver makes before it uses the block. The normal case carries the block with the message; a
 * prepared certificate or a NEW-VIEW names it by header only, and a replica that lacks it fetches
 * it by (n, d) ({@code BlockFetcher}).
 */
public record PrePrepare(long view, long seq, Hash digest, Block block) implements PbftMessage {
  public PrePrepare {
    Objects.requireNonNull(digest);
    Objects.requireNonNull(block);
  }

  @Override
  public MessageType type() {
    return MessageType.PRE_PREPARE;
  }

  @Override
  public void writeBody(CanonicalWriter w) {
    w.writeLong(view);
    w.writeLong(seq);
    digest.write(w);
    block.write(w);
  }

  /** ⟨v, n, d⟩: what the primary's signature covers; the block is bound through d. */
  @Override
  public void writeSignedBody(CanonicalWriter w) {
    w.writeLong(view);
    w.writeLong(seq);
    digest.write(w);
  }

  /**
   * d = D(m): the block's id is the digest and its transactions are the ones its header's
   * transaction root commits to (the id covers the header only). An authenticated pre-prepare whose
   * block fails this carries a block its primary never vouched for.
   */
  public boolean bindsBlock() {
    return digest.equals(block.id()) && block.hasConsistentTxRoot();
  }

  static PrePrepare read(CanonicalReader r) {
    long view = r.readNonNegativeLong("view");
    long seq = r.readNonNegativeLong("seq");
    Hash digest = Hash.read(r);
    Block block = Block.read(r);
    return new PrePrepare(view, seq, digest, block);
  }
}

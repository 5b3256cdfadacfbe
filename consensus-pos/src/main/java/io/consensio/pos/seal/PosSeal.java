package io.consensio.pos.seal;

import io.consensio.api.codec.CanonicalReader;
import io.consensio.api.codec.CanonicalWriter;
import io.consensio.api.codec.DecodingException;
import io.consensio.api.crypto.Signature;
import io.consensio.api.types.Hash;
import java.nio.charset.StandardCharsets;

/**
 * A proof-of-stake block seal: the slot the block claims, the proposer's lottery signature for that
 * slot (its ticket, see {@link io.consensio.pos.lottery.SlotLottery}) and the proposer's signature
 * over the block id and slot. Everything in it is deterministic for a given block id, so one block
 * has exactly one valid seal; the block signature commits to the slot so that two blocks signed for
 * one slot are proof of equivocation.
 */
public record PosSeal(long slot, Signature lotterySignature, Signature blockSignature) {
  private static final byte[] BLOCK_DOMAIN =
      "consensio/pos/block/v1".getBytes(StandardCharsets.US_ASCII);
  private static final int VERSION = 1;
  public static final int ENCODED_SIZE = 1 + 8 + 2 * Signature.SIZE;

  /** What the proposer signs: the block id and the slot it claims. */
  public static byte[] blockSigningBytes(Hash blockId, long slot) {
    CanonicalWriter w = new CanonicalWriter(64);
    w.writeFixed(BLOCK_DOMAIN);
    blockId.write(w);
    w.writeLong(slot);
    return w.toByteArray();
  }

  public byte[] encode() {
    CanonicalWriter w = new CanonicalWriter(ENCODED_SIZE);
    w.writeByte(VERSION);
    w.writeLong(slot);
    lotterySignature.write(w);
    blockSignature.write(w);
    return w.toByteArray();
  }

  /** Decodes exactly one seal; anything else raises {@link DecodingException}. */
  public static PosSeal decode(byte[] bytes) {
    if (bytes.length != ENCODED_SIZE) {
      throw new DecodingException("a pos seal has " + ENCODED_SIZE + " bytes, got " + bytes.length);
    }
    CanonicalReader r = new CanonicalReader(bytes);
    int version = r.readByte();
    if (version != VERSION) {
      throw new DecodingException("unknown pos seal version " + version);
    }
    long slot = r.readLong();
    if (slot < 1) {
      throw new DecodingException("a block's slot must be at least 1, got " + slot);
    }
    PosSeal seal = new PosSeal(slot, Signature.read(r), Signature.read(r));
    r.finish();
    return seal;
  }
}

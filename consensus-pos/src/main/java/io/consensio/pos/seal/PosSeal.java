package io.consensio.pos.seal;

import io.consensio.api.codec.CanonicalReader;
import io.consensio.api.codec.CanonicalWriter;
import io.consensio.api.codec.DecodingException;
import io.consensio.api.crypto.Signature;
import io.consensio.api.types.Hash;
import io.consensio.pos.vrf.Ecvrf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A proof-of-stake block seal: the slot the block claims, the proposer's lottery ticket for that
 * slot — an RFC 9381 ECVRF proof π (80 bytes, §5.5) over (η, slot), or nothing for a public
 * bootstrap ticket (see {@link io.consensio.pos.lottery.SlotLottery}) — and the proposer's Ed25519
 * signature over the block id and slot. Everything in it is deterministic for a given block id, so
 * one block has exactly one valid seal; the block signature commits to the slot so that two blocks
 * signed for one slot are proof of equivocation. Immutable.
 *
 * @param vrfProof π, or empty for a public ticket
 */
public record PosSeal(long slot, byte[] vrfProof, Signature blockSignature) {
  private static final byte[] BLOCK_DOMAIN =
      "consensio/pos/block/v1".getBytes(StandardCharsets.US_ASCII);
  private static final int VERSION = 2;
  private static final int PUBLIC_TICKET = 0;
  private static final int VRF_TICKET = 1;

  public PosSeal {
    if (vrfProof.length != 0 && vrfProof.length != Ecvrf.PROOF_BYTES) {
      throw new IllegalArgumentException("a VRF proof has " + Ecvrf.PROOF_BYTES + " bytes");
    }
    vrfProof = vrfProof.clone();
  }

  /** A seal with a public bootstrap ticket. */
  public static PosSeal withPublicTicket(long slot, Signature blockSignature) {
    return new PosSeal(slot, new byte[0], blockSignature);
  }

  public boolean hasVrfProof() {
    return vrfProof.length != 0;
  }

  @Override
  public byte[] vrfProof() {
    return vrfProof.clone();
  }

  /** What the proposer signs: the block id and the slot it claims. */
  public static byte[] blockSigningBytes(Hash blockId, long slot) {
    CanonicalWriter w = new CanonicalWriter(64);
    w.writeFixed(BLOCK_DOMAIN);
    blockId.write(w);
    w.writeLong(slot);
    return w.toByteArray();
  }

  public byte[] encode() {
    CanonicalWriter w = new CanonicalWriter(2 + 8 + vrfProof.length + Signature.SIZE);
    w.writeByte(VERSION);
    w.writeLong(slot);
    w.writeByte(hasVrfProof() ? VRF_TICKET : PUBLIC_TICKET);
    w.writeFixed(vrfProof);
    blockSignature.write(w);
    return w.toByteArray();
  }

  /** Decodes exactly one seal; anything else raises {@link DecodingException}. */
  public static PosSeal decode(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes);
    int version = r.readByte();
    if (version != VERSION) {
      throw new DecodingException("unknown pos seal version " + version);
    }
    long slot = r.readLong();
    if (slot < 1) {
      throw new DecodingException("a block's slot must be at least 1, got " + slot);
    }
    int kind = r.readByte();
    byte[] proof =
        switch (kind) {
          case PUBLIC_TICKET -> new byte[0];
          case VRF_TICKET -> r.readFixed(Ecvrf.PROOF_BYTES);
          default -> throw new DecodingException("unknown ticket kind " + kind);
        };
    PosSeal seal = new PosSeal(slot, proof, Signature.read(r));
    r.finish();
    return seal;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PosSeal other
        && slot == other.slot
        && Arrays.equals(vrfProof, other.vrfProof)
        && blockSignature.equals(other.blockSignature);
  }

  @Override
  public int hashCode() {
    return (Long.hashCode(slot) * 31 + Arrays.hashCode(vrfProof)) * 31 + blockSignature.hashCode();
  }

  @Override
  public String toString() {
    return "PosSeal[slot="
        + slot
        + (hasVrfProof() ? ", vrf=" + HexFormat.of().formatHex(vrfProof, 0, 8) + "…" : ", public")
        + "]";
  }
}

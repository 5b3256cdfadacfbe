package io.consensio.pos.slashing;

import io.consensio.api.codec.CanonicalReader;
import io.consensio.api.codec.CanonicalWriter;
import io.consensio.api.codec.DecodingException;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.crypto.Signature;
import io.consensio.api.crypto.Verifier;
import io.consensio.api.types.Hash;
import io.consensio.pos.finality.Vote;
import io.consensio.pos.seal.PosSeal;

/**
 * Self-contained proof that a validator broke a rule that costs its stake. Anyone can check it with
 * the offender's public key alone, so it needs no context and every node reaches the same verdict
 * on it. Its {@link #encode() encoding} is the proof of a {@link
 * io.consensio.api.types.TxPayload.Evidence} transaction, judged by {@link PosEvidenceJudge}.
 */
public sealed interface Evidence {
  int MAX_ENCODED_BYTES = 1024;

  PublicKey offender();

  /** True when the signatures hold and they prove an offence. */
  boolean isValid(Verifier verifier);

  /**
   * Two different blocks signed by one validator for one slot (Praos' honest parties "never sign
   * two blocks for one slot"; Ethereum's proposer slashing).
   */
  record DoubleProposal(
      PublicKey offender,
      long slot,
      Hash firstBlock,
      Signature firstSignature,
      Hash secondBlock,
      Signature secondSignature)
      implements Evidence {
    @Override
    public boolean isValid(Verifier verifier) {
      return !firstBlock.equals(secondBlock)
          && verifier.verify(offender, PosSeal.blockSigningBytes(firstBlock, slot), firstSignature)
          && verifier.verify(
              offender, PosSeal.blockSigningBytes(secondBlock, slot), secondSignature);
    }
  }

  /** Two finality votes by one validator that make a double vote or a surround vote. */
  record ConflictingVotes(Vote first, Vote second) implements Evidence {
    @Override
    public PublicKey offender() {
      return first.validator();
    }

    @Override
    public boolean isValid(Verifier verifier) {
      return first.validator().equals(second.validator())
          && first.conflictsWith(second)
          && first.hasValidSignature(verifier)
          && second.hasValidSignature(verifier);
    }
  }

  default byte[] encode() {
    CanonicalWriter w = new CanonicalWriter(320);
    if (this instanceof DoubleProposal d) {
      w.writeByte(1);
      d.offender().write(w);
      w.writeLong(d.slot());
      d.firstBlock().write(w);
      d.firstSignature().write(w);
      d.secondBlock().write(w);
      d.secondSignature().write(w);
    } else if (this instanceof ConflictingVotes c) {
      w.writeByte(2);
      c.first().write(w);
      c.second().write(w);
    }
    return w.toByteArray();
  }

  /** Decodes exactly one piece of evidence; anything malformed is a {@link DecodingException}. */
  static Evidence decode(byte[] bytes) {
    if (bytes.length > MAX_ENCODED_BYTES) {
      throw new DecodingException("evidence of " + bytes.length + " bytes is too large");
    }
    CanonicalReader r = new CanonicalReader(bytes);
    int tag = r.readByte();
    Evidence evidence =
        switch (tag) {
          case 1 ->
              new DoubleProposal(
                  PublicKey.read(r),
                  r.readNonNegativeLong("slot"),
                  Hash.read(r),
                  Signature.read(r),
                  Hash.read(r),
                  Signature.read(r));
          case 2 -> new ConflictingVotes(Vote.read(r), Vote.read(r));
          default -> throw new DecodingException("unknown evidence tag " + tag);
        };
    r.finish();
    return evidence;
  }
}

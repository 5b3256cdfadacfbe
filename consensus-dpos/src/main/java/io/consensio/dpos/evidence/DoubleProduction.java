package io.consensio.dpos.evidence;

import io.consensio.api.codec.CanonicalReader;
import io.consensio.api.codec.CanonicalWriter;
import io.consensio.api.codec.DecodingException;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.crypto.Signature;
import io.consensio.api.crypto.Verifier;
import io.consensio.api.types.Hash;
import io.consensio.dpos.seal.DposSeal;

/**
 * Proof that {@code producer} signed seals for two different blocks in one slot — the misbehaviour
 * DPoS punishes by removing the delegate (BitShares whitepaper: "a witness that signs two blocks
 * for the same slot can be proven to have done so and will be fired"). The proof is self-contained:
 * two seal signatures under the producer's key, checkable without either block. Its two halves are
 * kept in block-id order, so one double production has exactly one encoding. It travels to the
 * ledger as the proof of a {@link io.consensio.api.types.TxPayload.Evidence} transaction, judged by
 * {@link DoubleProductionJudge}. Immutable.
 */
public record DoubleProduction(PublicKey producer, long slot, SignedSlot first, SignedSlot second) {
  /** The signed part of one seal: what {@link DposSeal#signingBytes} covers, and the signature. */
  public record SignedSlot(Hash blockId, Hash roundDigest, Signature signature) {
    void write(CanonicalWriter w) {
      blockId.write(w);
      roundDigest.write(w);
      signature.write(w);
    }

    static SignedSlot read(CanonicalReader r) {
      return new SignedSlot(Hash.read(r), Hash.read(r), Signature.read(r));
    }
  }

  /** Builds the proof from two seals in either order. */
  public static DoubleProduction of(PublicKey producer, long slot, SignedSlot a, SignedSlot b) {
    return a.blockId().compareTo(b.blockId()) <= 0
        ? new DoubleProduction(producer, slot, a, b)
        : new DoubleProduction(producer, slot, b, a);
  }

  /**
   * True when the halves name different blocks of one slot, are in canonical order, and both
   * signatures verify under {@code producer}.
   */
  public boolean isValid(Verifier verifier) {
    if (slot < 1 || first.blockId().compareTo(second.blockId()) >= 0) {
      return false;
    }
    return verifies(verifier, first) && verifies(verifier, second);
  }

  private boolean verifies(Verifier verifier, SignedSlot half) {
    byte[] signed = DposSeal.signingBytes(half.blockId(), slot, half.roundDigest());
    return verifier.verify(producer, signed, half.signature());
  }

  public void write(CanonicalWriter w) {
    producer.write(w);
    w.writeLong(slot);
    first.write(w);
    second.write(w);
  }

  public byte[] encode() {
    CanonicalWriter w = new CanonicalWriter(320);
    write(w);
    return w.toByteArray();
  }

  public static DoubleProduction read(CanonicalReader r) {
    PublicKey producer = PublicKey.read(r);
    long slot = r.readNonNegativeLong("slot");
    return new DoubleProduction(producer, slot, SignedSlot.read(r), SignedSlot.read(r));
  }

  public static DoubleProduction decode(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes);
    DoubleProduction evidence = read(r);
    r.finish();
    if (evidence.slot < 1) {
      throw new DecodingException("evidence slot must be at least 1");
    }
    if (evidence.first.blockId().compareTo(evidence.second.blockId()) >= 0) {
      throw new DecodingException("evidence halves must name distinct blocks in id order");
    }
    return evidence;
  }
}

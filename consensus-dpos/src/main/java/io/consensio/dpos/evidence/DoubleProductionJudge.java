package io.consensio.dpos.evidence;

import io.consensio.api.codec.DecodingException;
import io.consensio.api.crypto.Verifier;
import io.consensio.api.ledger.EvidenceJudge;
import io.consensio.api.ledger.EvidenceVerdict;
import io.consensio.api.ledger.LedgerState;

/**
 * The ledger's judge of DPoS evidence: a {@link io.consensio.api.types.TxPayload.Evidence} whose
 * proof is an encoded {@link DoubleProduction} names its producer guilty when the two seal
 * signatures verify under the producer's key, for one slot and two different blocks.
 *
 * <p>BitShares' rule ("a witness that signs two blocks for the same slot can be proven to have done
 * so and will be fired", BitShares whitepaper, §Delegated Proof of Stake) needs nothing but the two
 * signatures: the seal's signing bytes are domain-separated ({@code consensio/dpos/seal/v1}) and
 * bind the block id and the slot, and an honest producer signs at most one block per slot (its
 * {@code ProductionGuard} survives restarts), so two such signatures are misbehaviour by whoever
 * holds the key — whether or not the slot was its own on some branch, which a pure function of the
 * ledger state could not tell anyway. The judge therefore reads neither the state nor the height;
 * the ledger itself refuses a second proof against a key it has already slashed, forfeits the
 * candidate deposit (which removes the candidacy, so the delegate is not elected at the next round
 * boundary) and tombstones the key.
 *
 * <p>Pure, stateless and thread-safe, as {@link EvidenceJudge} requires: the same proof gets the
 * same verdict on every node and every replay. Never throws.
 */
public final class DoubleProductionJudge implements EvidenceJudge {
  public static final String MALFORMED = "malformed-proof";
  public static final String BAD_SIGNATURE = "bad-signature";

  @Override
  public EvidenceVerdict judge(byte[] proof, LedgerState state, long height, Verifier verifier) {
    DoubleProduction evidence;
    try {
      evidence = DoubleProduction.decode(proof);
    } catch (DecodingException | IllegalArgumentException e) {
      return EvidenceVerdict.rejected(MALFORMED);
    }
    if (!evidence.isValid(verifier)) {
      return EvidenceVerdict.rejected(BAD_SIGNATURE);
    }
    return EvidenceVerdict.guilty(evidence.producer());
  }
}

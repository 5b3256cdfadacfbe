package io.consensio.pos.slashing;

import io.consensio.api.codec.DecodingException;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.crypto.Verifier;
import io.consensio.api.ledger.Account;
import io.consensio.api.ledger.EvidenceJudge;
import io.consensio.api.ledger.EvidenceVerdict;
import io.consensio.api.ledger.LedgerState;

/**
 * The ledger's judge of proof-of-stake {@link io.consensio.api.types.TxPayload.Evidence}: the proof
 * is an encoded {@link Evidence} — two block signatures by one key for one slot (Praos' honest
 * parties never sign two blocks for a slot; Ethereum's proposer slashing), or two finality votes
 * that make a double vote or a surround vote (Casper FFG §2.2). It is guilty when both signatures
 * verify, the statements conflict, and the offender has something at stake in the state the ledger
 * has reached: stake, or stake still unbonding (which is why unbonding exists: stake stays
 * slashable for a while after its owner stops validating). The ledger then confiscates, rewards the
 * reporter, tombstones the key and refuses a second proof against it.
 *
 * <p>Pure: the verdict depends on the proof, the state and the verifier only, so every node and
 * every replay reaches the same one. Never throws. Stateless and thread-safe.
 */
public final class PosEvidenceJudge implements EvidenceJudge {
  public static final String MALFORMED = "malformed-evidence";
  public static final String NO_OFFENCE = "no-offence";
  public static final String NOTHING_AT_STAKE = "offender-not-a-validator";

  @Override
  public EvidenceVerdict judge(byte[] proof, LedgerState state, long height, Verifier verifier) {
    Evidence evidence;
    try {
      evidence = Evidence.decode(proof);
    } catch (DecodingException | IllegalArgumentException e) {
      return EvidenceVerdict.rejected(MALFORMED);
    }
    if (!evidence.isValid(verifier)) {
      return EvidenceVerdict.rejected(NO_OFFENCE);
    }
    PublicKey offender = evidence.offender();
    Account account = state.account(offender);
    if (account.stake() == 0 && account.unbonding() == 0) {
      return EvidenceVerdict.rejected(NOTHING_AT_STAKE);
    }
    return EvidenceVerdict.guilty(offender);
  }
}

package io.consensio.api.ledger;

import io.consensio.api.crypto.Verifier;

/**
 * Decides whether a {@link io.consensio.api.types.TxPayload.Evidence} transaction proves
 * misbehaviour, for the consensus module that defines what misbehaviour is. The ledger calls it
 * while executing the transaction, on every node and on every replay, so it must be a pure function
 * of its arguments: no clock, no randomness, no engine state — only signatures and the given ledger
 * state. Otherwise two nodes could disagree about a block's state root.
 *
 * <p>Supplied by {@link io.consensio.api.ConsensusProvider#evidenceJudge}; modules without slashing
 * keep {@link #NONE}, which rejects every proof.
 */
@FunctionalInterface
public interface EvidenceJudge {
  EvidenceJudge NONE = (proof, state, height, verifier) -> EvidenceVerdict.rejected("unsupported");

  /**
   * Judges {@code proof} in a block at {@code height} whose execution has reached {@code state}.
   * Must not throw: a malformed proof is {@link EvidenceVerdict#rejected}.
   */
  EvidenceVerdict judge(byte[] proof, LedgerState state, long height, Verifier verifier);
}

package io.consensio.pos;

import io.consensio.api.ConsensusContext;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.ledger.Account;
import io.consensio.api.ledger.LedgerState;
import io.consensio.api.services.AdmitResult;
import io.consensio.api.types.Hash;
import io.consensio.api.types.Transaction;
import io.consensio.api.types.TxPayload;
import io.consensio.pos.slashing.Evidence;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns detected offences into {@link TxPayload.Evidence} transactions signed by this node — the
 * reporter, whom the ledger pays its reward when the report executes — and keeps resubmitting each
 * until the head state shows the offender slashed: a transaction can be lost with a crash or a
 * reorg, a slashing must not. A report is dropped once the offender has nothing left at stake on
 * the head (the ledger's judge would refuse it). This node never reports itself. Memory: one
 * pending report per offender. Event-loop thread only.
 */
final class EvidenceReporter {
  private record Pending(Evidence evidence, Hash submitted) {}

  private final ConsensusContext context;
  private final PublicKey self;
  private final Map<PublicKey, Pending> pending = new TreeMap<>();

  EvidenceReporter(ConsensusContext context) {
    this.context = context;
    this.self = context.signer().publicKey();
  }

  void report(Evidence evidence) {
    PublicKey offender = evidence.offender();
    if (!offender.equals(self)
        && !pending.containsKey(offender)
        && !settled(context.chain().headState(), offender)) {
      pending.put(offender, new Pending(evidence, null));
      context.metrics().increment("pos.evidence.reported");
      retry();
    }
  }

  int pendingCount() {
    return pending.size();
  }

  /** Submits every pending report not yet waiting in the mempool; forgets the settled ones. */
  void retry() {
    LedgerState head = context.chain().headState();
    pending.entrySet().removeIf(entry -> settled(head, entry.getKey()));
    for (Map.Entry<PublicKey, Pending> entry : pending.entrySet()) {
      Hash submitted = entry.getValue().submitted();
      if (submitted != null && context.mempool().contains(submitted)) {
        continue;
      }
      Transaction tx =
          Transaction.sign(
              context.signer(),
              head.nonce(self),
              0,
              new TxPayload.Evidence(entry.getValue().evidence().encode()));
      AdmitResult result = context.mempool().submit(tx);
      if (result.accepted()) {
        entry.setValue(new Pending(entry.getValue().evidence(), tx.id()));
      } else {
        context.metrics().increment("pos.evidence.not-admitted", "reason", result.reason());
      }
    }
  }

  /** Slashed already, or nothing at stake any more: no report can change anything. */
  private static boolean settled(LedgerState head, PublicKey offender) {
    Account account = head.account(offender);
    return head.isSlashed(offender) || (account.stake() == 0 && account.unbonding() == 0);
  }
}

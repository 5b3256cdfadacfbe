package io.consensio.pos;

import io.consensio.api.ConsensusContext;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.services.AdmitResult;
import io.consensio.api.types.Hash;
import io.consensio.api.types.Transaction;
import io.consensio.pos.chain.BlockInfo;
import io.consensio.pos.slashing.Evidence;
import io.consensio.pos.slashing.EvidenceTransactions;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns detected offences into evidence transactions signed by this node (the reporter, who is
 * credited the whistleblower reward when its report is the first on the chain) and keeps
 * resubmitting each until the offender is slashed on the head chain: a transaction can be lost with
 * a crash or a reorg, a slashing must not. Memory: one pending report per offender, dropped once
 * slashed. Event-loop thread only.
 */
final class EvidenceReporter {
  private record Pending(Evidence evidence, Hash submitted) {}

  private final ConsensusContext context;
  private final ChainDriver driver;
  private final Map<PublicKey, Pending> pending = new TreeMap<>();

  EvidenceReporter(ConsensusContext context, ChainDriver driver) {
    this.context = context;
    this.driver = driver;
  }

  void report(Evidence evidence) {
    if (!pending.containsKey(evidence.offender()) && !slashedOnHead(evidence.offender())) {
      pending.put(evidence.offender(), new Pending(evidence, null));
      context.metrics().increment("pos.evidence.reported");
      retry();
    }
  }

  int pendingCount() {
    return pending.size();
  }

  /** Submits every pending report not yet waiting in the mempool; forgets the settled ones. */
  void retry() {
    pending.entrySet().removeIf(entry -> slashedOnHead(entry.getKey()));
    for (Map.Entry<PublicKey, Pending> entry : pending.entrySet()) {
      Hash submitted = entry.getValue().submitted();
      if (submitted != null && context.mempool().contains(submitted)) {
        continue;
      }
      PublicKey self = context.signer().publicKey();
      long nonce = context.chain().headState().nonce(self);
      Transaction tx =
          EvidenceTransactions.sign(context.signer(), nonce, entry.getValue().evidence());
      AdmitResult result = context.mempool().submit(tx);
      if (result.accepted()) {
        entry.setValue(new Pending(entry.getValue().evidence(), tx.id()));
      } else {
        context.metrics().increment("pos.evidence.not-admitted", "reason", result.reason());
      }
    }
  }

  private boolean slashedOnHead(PublicKey offender) {
    Optional<BlockInfo> head = driver.view().info(context.chain().head().id());
    return head.isPresent() && head.get().slashing().isSlashed(offender);
  }
}

package io.consensio.pos;

import io.consensio.api.ConsensusContext;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.crypto.Signature;
import io.consensio.api.ledger.ImportResult;
import io.consensio.api.types.Block;
import io.consensio.api.types.Hash;
import io.consensio.api.types.Transaction;
import io.consensio.pos.chain.BlockInfo;
import io.consensio.pos.chain.ChainRules;
import io.consensio.pos.lottery.SlotLottery;
import io.consensio.pos.messages.PosCodec;
import io.consensio.pos.messages.PosMessage;
import io.consensio.pos.seal.PosSeal;
import io.consensio.pos.vrf.VrfKeyPair;
import io.consensio.pos.vrf.VrfPublicKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The slot leader's side of Praos (§3, "the protocol π_SPoS"): in each slot, draw this validator's
 * ticket on top of the current head; if it wins, cut a block from the mempool, seal it, remember
 * the slot durably (so a restart can never sign a second block for it) and gossip it.
 *
 * <p>The ticket is this node's VRF output β for (η, slot) (RFC 9381 §5.1–5.2), computed first
 * without the proof; the proof, which costs about as much again, is built only in the slots the
 * ticket wins. A validator whose registered key is not this node's derived key (a key registered by
 * an earlier key derivation, say) cannot draw and is counted. Event-loop thread only.
 */
final class Proposer {
  private final ConsensusContext context;
  private final PosConfig config;
  private final ChainRules rules;
  private final ChainDriver driver;
  private final EngineStore store;
  private final PublicKey self;
  private final VrfKeyPair vrf;

  Proposer(
      ConsensusContext context,
      PosConfig config,
      ChainRules rules,
      ChainDriver driver,
      EngineStore store,
      VrfKeyPair vrf) {
    this.context = context;
    this.config = config;
    this.rules = rules;
    this.driver = driver;
    this.store = store;
    this.self = context.signer().publicKey();
    this.vrf = vrf;
  }

  void onSlot(long slot) {
    if (slot <= store.lastProposedSlot()) {
      return;
    }
    Block head = context.chain().head();
    Optional<BlockInfo> headInfo = driver.view().info(head.id());
    if (headInfo.isEmpty() || slot <= headInfo.get().slot()) {
      return;
    }
    ChainRules.SlotContext slotContext =
        rules.slotContext(headInfo.get(), slot, context.chain().headState());
    if (!slotContext.stakes().containsKey(self)) {
      return;
    }
    Optional<VrfPublicKey> registered = slotContext.vrfKey(self);
    byte[] proof;
    if (registered.isPresent()) {
      if (!registered.get().equals(vrf.publicKey())) {
        context.metrics().increment("pos.vrf.foreign-key");
        return;
      }
      byte[] alpha = slotContext.lotteryInput(self);
      VrfKeyPair.Evaluation evaluation = vrf.evaluate(alpha);
      byte[] beta = evaluation.output();
      if (!wins(slotContext, SlotLottery.vrfValue(beta))) {
        return;
      }
      proof = evaluation.proof();
      driver.verifiedProofs().remember(vrf.publicKey(), alpha, proof, beta);
    } else if (slotContext.drawsPublicTicket(self)) {
      if (!wins(slotContext, SlotLottery.publicValue(slotContext.randomness(), slot, self))) {
        return;
      }
      proof = new byte[0];
    } else {
      return;
    }
    propose(head, slot, proof);
  }

  private boolean wins(ChainRules.SlotContext slotContext, Hash value) {
    return rules.lottery().isEligible(SlotLottery.score(value, slotContext.alpha(self)));
  }

  private void propose(Block head, long slot, byte[] proof) {
    List<Transaction> taken =
        context.mempool().takeBatch(config.maxBatchTxs(), config.maxBatchBytes());
    long timestamp = driver.sealVerifier().slotStartMillis(slot);
    Block unsealed = context.chain().buildBlock(head.id(), taken, timestamp, self);
    Signature signature = context.signer().sign(PosSeal.blockSigningBytes(unsealed.id(), slot));
    Block block = unsealed.withSeal(new PosSeal(slot, proof, signature).encode());
    store.recordProposal(slot);
    ImportResult result = driver.importBlock(block);
    if (!result.isAccepted()) {
      context.metrics().increment("pos.proposal.rejected", "reason", result.reason());
      context.mempool().requeue(taken);
      return;
    }
    context.metrics().increment("pos.proposed");
    driver.updateHead();
    Set<Transaction> included = new HashSet<>(block.transactions());
    List<Transaction> leftOut = new ArrayList<>();
    for (Transaction tx : taken) {
      if (!included.contains(tx) || !context.chain().head().id().equals(block.id())) {
        leftOut.add(tx);
      }
    }
    context.mempool().requeue(leftOut);
    context.network().broadcast(PosCodec.encode(new PosMessage.NewBlock(block)));
  }
}

package io.consensio.pos;

import io.consensio.api.ConsensusContext;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.ledger.LedgerState;
import io.consensio.api.services.AdmitResult;
import io.consensio.api.types.Hash;
import io.consensio.api.types.Transaction;
import io.consensio.api.types.TxPayload;
import io.consensio.pos.chain.BlockInfo;
import io.consensio.pos.chain.VrfRegistry;
import io.consensio.pos.vrf.VrfKeyPair;
import java.util.Arrays;
import java.util.Optional;

/**
 * Registers this node's VRF public key on the chain: a key/value write, signed by this node's
 * account, of the key under {@link VrfRegistry#LEDGER_KEY}. It is submitted again (on every slot)
 * until the head state holds it, since a transaction can be lost with a crash or a reorg; once the
 * chain's {@link VrfRegistry} has a key for this node — this one or, after a change of derivation,
 * an older one, which the registry keeps for good — there is nothing left to do. Event-loop thread
 * only.
 */
final class VrfRegistrar {
  private final ConsensusContext context;
  private final ChainDriver driver;
  private final PublicKey self;
  private final byte[] key;
  private Hash submitted;
  private boolean settled;

  VrfRegistrar(ConsensusContext context, ChainDriver driver, VrfKeyPair vrf) {
    this.context = context;
    this.driver = driver;
    this.self = context.signer().publicKey();
    this.key = vrf.publicKey().toBytes();
  }

  void retry() {
    if (settled) {
      return;
    }
    Optional<BlockInfo> head = driver.view().info(context.chain().head().id());
    if (head.isPresent() && head.get().vrfRegistry().registration(self).isPresent()) {
      settled = true;
      return;
    }
    LedgerState state = context.chain().headState();
    Optional<byte[]> written = state.value(self, VrfRegistry.LEDGER_KEY);
    if (written.isPresent() && Arrays.equals(written.get(), key)) {
      return;
    }
    if (submitted != null && context.mempool().contains(submitted)) {
      return;
    }
    Transaction tx =
        Transaction.sign(
            context.signer(),
            state.nonce(self),
            0,
            new TxPayload.KvPut(VrfRegistry.LEDGER_KEY, key));
    AdmitResult result = context.mempool().submit(tx);
    if (result.accepted()) {
      submitted = tx.id();
      context.metrics().increment("pos.vrf.registration-submitted");
    } else {
      context.metrics().increment("pos.vrf.registration-not-admitted", "reason", result.reason());
    }
  }
}

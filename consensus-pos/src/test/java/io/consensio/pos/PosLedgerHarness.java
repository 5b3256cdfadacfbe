package io.consensio.pos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.consensio.api.SealVerdict;
import io.consensio.api.crypto.Ed25519KeyPair;
import io.consensio.api.crypto.Ed25519Verifier;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.crypto.Signature;
import io.consensio.api.ledger.EvidenceJudge;
import io.consensio.api.ledger.ImportResult;
import io.consensio.api.ledger.LedgerState;
import io.consensio.api.services.Cancellable;
import io.consensio.api.services.Metrics;
import io.consensio.api.services.Scheduler;
import io.consensio.api.types.Block;
import io.consensio.api.types.BlockHeader;
import io.consensio.api.types.Hash;
import io.consensio.api.types.MerkleTree;
import io.consensio.api.types.Transaction;
import io.consensio.api.types.TxPayload;
import io.consensio.pos.chain.BlockInfo;
import io.consensio.pos.chain.ChainRules;
import io.consensio.pos.chain.VrfRegistry;
import io.consensio.pos.lottery.SlotLottery;
import io.consensio.pos.seal.PosSeal;
import io.consensio.pos.seal.SealVerifier;
import io.consensio.pos.vrf.Ecvrf;
import io.consensio.pos.vrf.VrfKeyPair;
import io.consensio.runtime.ledger.ChainStoreImpl;
import io.consensio.runtime.ledger.Genesis;
import io.consensio.runtime.state.LedgerRules;
import io.consensio.runtime.storage.InMemoryDurableStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Proof of stake's chain rules over the real ledger, without the network: a {@link ChainStoreImpl}
 * with the given genesis rules and evidence judge, the PoS seal check installed, and a producer
 * that plays the slot leaders — slots advance until some key wins its lottery on the head, and the
 * lowest winning score of that slot proposes, as the fork choice would settle a contested slot.
 * Test code; single-threaded.
 */
final class PosLedgerHarness {
  final PosConfig config =
      PosConfig.parse(
          JsonNodeFactory.instance.objectNode().put("slotMillis", 100).put("epochSlots", 4));
  final ChainRules rules = new ChainRules(config);
  final SealVerifier sealVerifier = new SealVerifier(rules, Ed25519Verifier.INSTANCE, 0);
  final ChainStoreImpl chain;
  private final List<Ed25519KeyPair> keys;
  private final Map<Hash, BlockInfo> infos = new HashMap<>();
  private final Map<PublicKey, VrfKeyPair> vrfKeys = new HashMap<>();
  private long slot;

  PosLedgerHarness(
      LedgerRules ledgerRules,
      List<Genesis.GenesisAccount> accounts,
      List<Ed25519KeyPair> keys,
      EvidenceJudge judge) {
    this.keys = List.copyOf(keys);
    Genesis genesis = new Genesis("pos-ledger", 0, accounts, List.of(), ledgerRules);
    Scheduler farFuture =
        new Scheduler() {
          public long nowMillis() {
            return Long.MAX_VALUE / 2;
          }

          public Cancellable schedule(long delay, Runnable task) {
            throw new AssertionError("the ledger schedules nothing");
          }
        };
    chain =
        new ChainStoreImpl(
            genesis,
            new InMemoryDurableStore(),
            farFuture,
            Ed25519Verifier.INSTANCE,
            Metrics.NOOP,
            judge);
    LedgerState genesisState = chain.stateAt(chain.genesis().id()).orElseThrow();
    infos.put(chain.genesis().id(), rules.genesis(chain.genesis(), genesisState));
    chain.setSealChecker(this::checkSeal);
  }

  static Ed25519KeyPair key(int n) {
    byte[] seed = new byte[32];
    seed[0] = 42;
    seed[31] = (byte) n;
    return Ed25519KeyPair.fromSeed(seed);
  }

  private SealVerdict checkSeal(Block block, LedgerState parentState) {
    SealVerifier.Outcome outcome =
        sealVerifier.check(block, infos.get(block.parent()), parentState);
    outcome.info().ifPresent(info -> infos.put(info.id(), info));
    return outcome.verdict();
  }

  BlockInfo info(Block block) {
    return infos.get(block.id());
  }

  LedgerState stateAt(Block block) {
    return chain.stateAt(block.id()).orElseThrow();
  }

  LedgerState headState() {
    return chain.headState();
  }

  /**
   * A winner of the next slot that has one on the head: its key, slot and VRF proof (empty for a
   * public bootstrap ticket).
   */
  record Winner(Ed25519KeyPair key, long slot, byte[] proof) {}

  /** The VRF key pair a node with {@code key} derives (as the engine does). */
  VrfKeyPair vrf(Ed25519KeyPair key) {
    return vrfKeys.computeIfAbsent(key.publicKey(), k -> VrfKeyPair.derive(key));
  }

  /** The registration transaction the engine's registrar would submit for {@code key}. */
  Transaction vrfRegistration(Ed25519KeyPair key, long nonce, long fee) {
    return Transaction.sign(
        key,
        nonce,
        fee,
        new TxPayload.KvPut(VrfRegistry.LEDGER_KEY, vrf(key).publicKey().toBytes()));
  }

  Winner nextWinner() {
    BlockInfo parent = info(chain.head());
    while (true) {
      slot++;
      ChainRules.SlotContext context = rules.slotContext(parent, slot, chain.headState());
      Winner best = null;
      double bestScore = Double.POSITIVE_INFINITY;
      for (Ed25519KeyPair key : keys) {
        PublicKey validator = key.publicKey();
        byte[] proof;
        Hash value;
        if (context.vrfKey(validator).isPresent()) {
          proof = vrf(key).prove(context.lotteryInput(validator));
          value = SlotLottery.vrfValue(Ecvrf.proofToHash(proof).orElseThrow());
        } else if (context.drawsPublicTicket(validator)) {
          proof = new byte[0];
          value = SlotLottery.publicValue(context.randomness(), slot, validator);
        } else {
          continue;
        }
        double score = SlotLottery.score(value, context.alpha(validator));
        if (rules.lottery().isEligible(score) && score < bestScore) {
          bestScore = score;
          best = new Winner(key, slot, proof);
        }
      }
      if (best != null) {
        return best;
      }
    }
  }

  /** The next block on the head with the candidates the ledger accepts; imported and made head. */
  Block produce(List<Transaction> candidates) {
    Winner winner = nextWinner();
    Block unsealed =
        chain.buildBlock(
            chain.head().id(),
            candidates,
            sealVerifier.slotStartMillis(winner.slot()),
            winner.key().publicKey());
    Block block = seal(unsealed, winner);
    assertThat(chain.importBlock(block)).isEqualTo(ImportResult.IMPORTED);
    chain.setHead(block.id());
    return block;
  }

  /**
   * A correctly sealed block on the head that carries exactly {@code txs}, whether the ledger would
   * accept them or not (the state root is the parent's: it is never reached when a transaction is
   * refused).
   */
  Block forceBlock(List<Transaction> txs) {
    Winner winner = nextWinner();
    Block head = chain.head();
    Block unsealed =
        new Block(
            new BlockHeader(
                head.height() + 1,
                head.id(),
                sealVerifier.slotStartMillis(winner.slot()),
                winner.key().publicKey(),
                MerkleTree.rootOfTransactions(txs),
                head.header().stateRoot(),
                new byte[0]),
            txs);
    return seal(unsealed, winner);
  }

  private static Block seal(Block unsealed, Winner winner) {
    Signature signature =
        winner.key().sign(PosSeal.blockSigningBytes(unsealed.id(), winner.slot()));
    return unsealed.withSeal(new PosSeal(winner.slot(), winner.proof(), signature).encode());
  }

  /** Produces empty blocks until the head's slot is in {@code epoch} or later. */
  Block produceUntilEpoch(long epoch) {
    Block block = chain.head();
    while (config.epochOf(info(block).slot()) < epoch) {
      block = produce(List.of());
    }
    return block;
  }

  /** Moves the head back to {@code block} (e.g. to retry a block on the same parent). */
  void resetHead(Block block) {
    chain.setHead(block.id());
  }
}

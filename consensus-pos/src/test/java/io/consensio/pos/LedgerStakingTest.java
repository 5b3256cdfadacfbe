package io.consensio.pos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.consensio.api.SealVerdict;
import io.consensio.api.crypto.Ed25519KeyPair;
import io.consensio.api.crypto.Ed25519Verifier;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.crypto.Signature;
import io.consensio.api.ledger.ImportResult;
import io.consensio.api.ledger.LedgerState;
import io.consensio.api.services.Metrics;
import io.consensio.api.services.Scheduler;
import io.consensio.api.types.Block;
import io.consensio.api.types.Hash;
import io.consensio.api.types.Transaction;
import io.consensio.api.types.TxPayload;
import io.consensio.pos.chain.BlockInfo;
import io.consensio.pos.chain.ChainRules;
import io.consensio.pos.lottery.SlotLottery;
import io.consensio.pos.seal.PosSeal;
import io.consensio.pos.seal.SealVerifier;
import io.consensio.runtime.ledger.ChainStoreImpl;
import io.consensio.runtime.ledger.Genesis;
import io.consensio.runtime.state.LedgerRules;
import io.consensio.runtime.storage.InMemoryDurableStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Proof of stake over the real ledger with its staking rules switched on (minimum stake 500,
 * unbonding period 3 blocks, block reward 10): the engine's seal rules decide who may propose, the
 * ledger executes stake and unstake transactions, and the validator set of each epoch is the
 * ledger's stakes at the epoch boundary. Blocks are produced the way a slot leader does — the
 * lowest winning lottery score of each slot proposes — without the network around it.
 */
class LedgerStakingTest {
  private static final long REWARD = 10;
  private static final long MIN_STAKE = 500;
  private static final long UNBONDING_BLOCKS = 3;
  private static final long FEE = 2;

  private final PosConfig config =
      PosConfig.parse(
          JsonNodeFactory.instance.objectNode().put("slotMillis", 100).put("epochSlots", 4));
  private final ChainRules rules = new ChainRules(config);
  private final SealVerifier sealVerifier = new SealVerifier(rules, Ed25519Verifier.INSTANCE, 0);
  private final Ed25519KeyPair alice = key(1);
  private final Ed25519KeyPair bob = key(2);
  private final Ed25519KeyPair carol = key(3);
  private final Ed25519KeyPair dave = key(4);
  private final List<Ed25519KeyPair> everyone = List.of(alice, bob, carol, dave);
  private final Map<Hash, BlockInfo> infos = new HashMap<>();
  private final ChainStoreImpl chain;
  private long slot;

  LedgerStakingTest() {
    LedgerRules ledgerRules =
        new LedgerRules(REWARD, MIN_STAKE, UNBONDING_BLOCKS, 1, 10_000, 4 * 1024 * 1024, 15_000);
    Genesis genesis =
        new Genesis(
            "pos-staking",
            0,
            List.of(
                new Genesis.GenesisAccount(alice.publicKey(), 1_000_000, 1_000),
                new Genesis.GenesisAccount(bob.publicKey(), 1_000_000, 1_000),
                new Genesis.GenesisAccount(carol.publicKey(), 1_000_000, 0),
                new Genesis.GenesisAccount(dave.publicKey(), 1_000_000, 0)),
            List.of(),
            ledgerRules);
    Scheduler farFuture =
        new Scheduler() {
          public long nowMillis() {
            return Long.MAX_VALUE / 2;
          }

          public io.consensio.api.services.Cancellable schedule(long delay, Runnable task) {
            throw new AssertionError("the ledger schedules nothing");
          }
        };
    chain =
        new ChainStoreImpl(
            genesis, new InMemoryDurableStore(), farFuture, Ed25519Verifier.INSTANCE, Metrics.NOOP);
    LedgerState genesisState = chain.stateAt(chain.genesis().id()).orElseThrow();
    infos.put(chain.genesis().id(), rules.genesis(chain.genesis(), genesisState));
    chain.setSealChecker(this::checkSeal);
  }

  private static Ed25519KeyPair key(int n) {
    byte[] seed = new byte[32];
    seed[31] = (byte) n;
    seed[0] = 42;
    return Ed25519KeyPair.fromSeed(seed);
  }

  private SealVerdict checkSeal(Block block, LedgerState parentState) {
    SealVerifier.Outcome outcome =
        sealVerifier.check(block, infos.get(block.parent()), parentState);
    outcome.info().ifPresent(info -> infos.put(info.id(), info));
    return outcome.verdict();
  }

  private BlockInfo info(Block block) {
    return infos.get(block.id());
  }

  /**
   * The next block on the head: slots advance until some key wins its lottery on top of the head;
   * the lowest score of that slot proposes, as the fork choice would settle a contested slot.
   */
  private Block produce(List<Transaction> txs) {
    Block head = chain.head();
    BlockInfo parent = info(head);
    while (true) {
      slot++;
      ChainRules.SlotContext context = rules.slotContext(parent, slot, chain.headState());
      Ed25519KeyPair winner = null;
      Signature winningTicket = null;
      double best = Double.POSITIVE_INFINITY;
      for (Ed25519KeyPair key : everyone) {
        Signature ticket = key.sign(SlotLottery.message(context.randomness(), slot));
        double score = SlotLottery.score(SlotLottery.value(ticket), context.alpha(key.publicKey()));
        if (rules.lottery().isEligible(score) && score < best) {
          best = score;
          winner = key;
          winningTicket = ticket;
        }
      }
      if (winner != null) {
        Block unsealed =
            chain.buildBlock(
                head.id(), txs, sealVerifier.slotStartMillis(slot), winner.publicKey());
        Signature signature = winner.sign(PosSeal.blockSigningBytes(unsealed.id(), slot));
        Block block = unsealed.withSeal(new PosSeal(slot, winningTicket, signature).encode());
        assertThat(chain.importBlock(block)).isEqualTo(ImportResult.IMPORTED);
        chain.setHead(block.id());
        return block;
      }
    }
  }

  private Block produceUntilEpoch(long epoch) {
    Block block = chain.head();
    while (config.epochOf(info(block).slot()) < epoch) {
      block = produce(List.of());
    }
    return block;
  }

  private LedgerState stateAt(Block block) {
    return chain.stateAt(block.id()).orElseThrow();
  }

  @Test
  void stakeChangesTakeEffectAtTheNextEpochBoundaryAndTheLedgerEnforcesMinimumAndUnbonding() {
    produceUntilEpoch(1);
    long epochOfChange = config.epochOf(info(chain.head()).slot());
    Transaction tooSmall =
        Transaction.sign(carol, 0, FEE, new TxPayload.Stake(MIN_STAKE - 1)); // below minimum
    Transaction join = Transaction.sign(dave, 0, FEE, new TxPayload.Stake(600));
    Transaction leave = Transaction.sign(bob, 0, 0, new TxPayload.Unstake(1_000));
    Block before = chain.head();
    Block changes = produce(List.of(tooSmall, join, leave));

    assertThat(changes.transactions())
        .as("the ledger leaves out a first stake below its minimum")
        .containsExactly(join, leave);
    LedgerState after = stateAt(changes);
    assertThat(after.stakes())
        .containsOnlyKeys(alice.publicKey(), dave.publicKey())
        .containsEntry(dave.publicKey(), 600L);
    assertThat(after.account(bob.publicKey()).unbonding()).isEqualTo(1_000);
    PublicKey proposer = changes.header().proposer();
    assertThat(after.balance(proposer) - stateAt(before).balance(proposer))
        .as("the proposer earns the block reward and the fee of the one included paying tx")
        .isEqualTo(REWARD + FEE);

    long changeEpoch = config.epochOf(info(changes).slot());
    assertThat(changeEpoch).isGreaterThanOrEqualTo(epochOfChange);
    List<Block> chainAfter = new ArrayList<>();
    Block cursor = changes;
    while (config.epochOf(info(cursor).slot()) < changeEpoch + 6) {
      cursor = produce(List.of());
      chainAfter.add(cursor);
    }
    boolean daveProposed = false;
    for (Block block : chainAfter) {
      BlockInfo blockInfo = info(block);
      if (config.epochOf(blockInfo.slot()) == changeEpoch) {
        assertThat(blockInfo.epochStakes())
            .as("the set of the epoch in which the stakes changed stays as it was")
            .containsOnlyKeys(alice.publicKey(), bob.publicKey());
        assertThat(block.header().proposer()).isNotEqualTo(dave.publicKey());
      } else {
        assertThat(blockInfo.epochStakes())
            .as("from the next epoch the set is the ledger's stakes at the boundary")
            .containsOnlyKeys(alice.publicKey(), dave.publicKey());
        assertThat(block.header().proposer()).isNotEqualTo(bob.publicKey());
        daveProposed |= block.header().proposer().equals(dave.publicKey());
      }
    }
    assertThat(daveProposed).as("the new validator wins slots").isTrue();

    // Unbonding: the unstaked funds stay locked for the unbonding period, then return.
    long releaseHeight = changes.height() + UNBONDING_BLOCKS;
    Block lastLocked = chain.canonicalAt(releaseHeight - 1).orElseThrow();
    Block released = chain.canonicalAt(releaseHeight).orElseThrow();
    assertThat(stateAt(lastLocked).account(bob.publicKey()).unbonding()).isEqualTo(1_000);
    assertThat(stateAt(released).account(bob.publicKey()).unbonding()).isZero();
    long bobsReward = released.header().proposer().equals(bob.publicKey()) ? REWARD : 0;
    assertThat(stateAt(released).balance(bob.publicKey()))
        .isEqualTo(stateAt(lastLocked).balance(bob.publicKey()) + 1_000 + bobsReward);
  }

  @Test
  void anAccountThatJustStakedCannotProposeBeforeTheNextEpoch() {
    produceUntilEpoch(1);
    Transaction stake = Transaction.sign(dave, 0, FEE, new TxPayload.Stake(5_000));
    Block staked = produce(List.of(stake));
    // Keep the stake out of an epoch's last slot, so that a slot of its epoch remains after it.
    while (info(staked).slot() % config.epochSlots() == config.epochSlots() - 1) {
      chain.setHead(staked.parent());
      staked = produce(List.of(stake));
    }
    long nextSlot = info(staked).slot() + 1;
    assertThat(config.epochOf(nextSlot))
        .as("precondition: the next slot is in the same epoch")
        .isEqualTo(config.epochOf(info(staked).slot()));
    ChainRules.SlotContext context = rules.slotContext(info(staked), nextSlot, stateAt(staked));
    Block unsealed =
        chain.buildBlock(
            staked.id(), List.of(), sealVerifier.slotStartMillis(nextSlot), dave.publicKey());
    Signature ticket = dave.sign(SlotLottery.message(context.randomness(), nextSlot));
    Signature signature = dave.sign(PosSeal.blockSigningBytes(unsealed.id(), nextSlot));
    Block early = unsealed.withSeal(new PosSeal(nextSlot, ticket, signature).encode());
    ImportResult result = chain.importBlock(early);
    assertThat(result.isAccepted()).isFalse();
    assertThat(result.reason()).contains("proposer-not-a-validator");
  }

  @Test
  void everyProposerEarnsTheBlockRewardAndTheFeesOfItsBlock() {
    long nonce = 0;
    for (int i = 0; i < 12; i++) {
      Block parent = chain.head();
      List<Transaction> txs = new ArrayList<>();
      for (int k = 0; k < i % 3; k++) {
        txs.add(Transaction.sign(carol, nonce++, FEE, new TxPayload.Transfer(dave.publicKey(), 1)));
      }
      Block block = produce(txs);
      PublicKey proposer = block.header().proposer();
      assertThat(stateAt(block).balance(proposer) - stateAt(parent).balance(proposer))
          .isEqualTo(REWARD + FEE * txs.size());
    }
  }
}

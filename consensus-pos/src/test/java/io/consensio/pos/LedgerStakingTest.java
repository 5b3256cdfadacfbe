package io.consensio.pos;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.crypto.Ed25519KeyPair;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.crypto.Signature;
import io.consensio.api.ledger.EvidenceJudge;
import io.consensio.api.ledger.ImportResult;
import io.consensio.api.ledger.LedgerState;
import io.consensio.api.types.Block;
import io.consensio.api.types.Transaction;
import io.consensio.api.types.TxPayload;
import io.consensio.pos.chain.BlockInfo;
import io.consensio.pos.seal.PosSeal;
import io.consensio.runtime.ledger.ChainStoreImpl;
import io.consensio.runtime.ledger.Genesis;
import io.consensio.runtime.state.LedgerRules;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Proof of stake over the real ledger with its staking rules switched on (minimum stake 500,
 * unbonding period 3 blocks, block reward 10): the engine's seal rules decide who may propose, the
 * ledger executes stake and unstake transactions, and the validator set of each epoch is the
 * ledger's stakes at the epoch boundary ({@link PosLedgerHarness}).
 */
class LedgerStakingTest {
  private static final long REWARD = 10;
  private static final long MIN_STAKE = 500;
  private static final long UNBONDING_BLOCKS = 3;
  private static final long FEE = 2;

  private final Ed25519KeyPair alice = PosLedgerHarness.key(1);
  private final Ed25519KeyPair bob = PosLedgerHarness.key(2);
  private final Ed25519KeyPair carol = PosLedgerHarness.key(3);
  private final Ed25519KeyPair dave = PosLedgerHarness.key(4);
  private final PosLedgerHarness h =
      new PosLedgerHarness(
          new LedgerRules(REWARD, MIN_STAKE, UNBONDING_BLOCKS, 1, 10_000, 4 * 1024 * 1024, 15_000),
          List.of(
              new Genesis.GenesisAccount(alice.publicKey(), 1_000_000, 1_000),
              new Genesis.GenesisAccount(bob.publicKey(), 1_000_000, 1_000),
              new Genesis.GenesisAccount(carol.publicKey(), 1_000_000, 0),
              new Genesis.GenesisAccount(dave.publicKey(), 1_000_000, 0)),
          List.of(alice, bob, carol, dave),
          EvidenceJudge.NONE);
  private final PosConfig config = h.config;
  private final ChainStoreImpl chain = h.chain;

  private BlockInfo info(Block block) {
    return h.info(block);
  }

  private Block produce(List<Transaction> txs) {
    return h.produce(txs);
  }

  private Block produceUntilEpoch(long epoch) {
    return h.produceUntilEpoch(epoch);
  }

  private BlockInfo blockInfoOf(Block block) {
    return h.info(block);
  }

  private LedgerState stateAt(Block block) {
    return h.stateAt(block);
  }

  @Test
  void stakeChangesTakeEffectAtTheNextEpochBoundaryAndTheLedgerEnforcesMinimumAndUnbonding() {
    produceUntilEpoch(1);
    // Dave registers his VRF key first: a validator that joins after genesis has no other ticket.
    produce(List.of(h.vrfRegistration(dave, 0, FEE)));
    long epochOfChange = config.epochOf(info(chain.head()).slot());
    Transaction tooSmall =
        Transaction.sign(carol, 0, FEE, new TxPayload.Stake(MIN_STAKE - 1)); // below minimum
    Transaction join = Transaction.sign(dave, 1, FEE, new TxPayload.Stake(600));
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
        boolean byDave = block.header().proposer().equals(dave.publicKey());
        if (config.epochOf(blockInfo.slot()) == changeEpoch + 1) {
          assertThat(byDave)
              .as("his VRF key, first seen at this epoch's boundary, is in force from the next")
              .isFalse();
        } else if (byDave) {
          assertThat(PosSeal.decode(block.header().seal()).hasVrfProof()).isTrue();
          daveProposed = true;
        }
      }
    }
    assertThat(blockInfoOf(cursor).vrfRegistry().activeKey(dave.publicKey(), changeEpoch + 2))
        .hasValue(h.vrf(dave).publicKey());
    assertThat(daveProposed).as("the new validator wins slots with VRF tickets").isTrue();

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
      h.resetHead(chain.block(staked.parent()).orElseThrow());
      staked = produce(List.of(stake));
    }
    long nextSlot = info(staked).slot() + 1;
    assertThat(config.epochOf(nextSlot))
        .as("precondition: the next slot is in the same epoch")
        .isEqualTo(config.epochOf(info(staked).slot()));
    Block unsealed =
        chain.buildBlock(
            staked.id(), List.of(), h.sealVerifier.slotStartMillis(nextSlot), dave.publicKey());
    Signature signature = dave.sign(PosSeal.blockSigningBytes(unsealed.id(), nextSlot));
    Block early = unsealed.withSeal(PosSeal.withPublicTicket(nextSlot, signature).encode());
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

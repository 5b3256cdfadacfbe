package io.consensio.pos.seal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.consensio.api.crypto.Ed25519KeyPair;
import io.consensio.api.crypto.Ed25519Verifier;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.crypto.Signature;
import io.consensio.api.ledger.Account;
import io.consensio.api.ledger.LedgerState;
import io.consensio.api.types.Block;
import io.consensio.api.types.BlockHeader;
import io.consensio.api.types.Hash;
import io.consensio.api.types.MerkleTree;
import io.consensio.api.types.Transaction;
import io.consensio.pos.PosConfig;
import io.consensio.pos.chain.BlockInfo;
import io.consensio.pos.chain.ChainRules;
import io.consensio.pos.lottery.SlotLottery;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Every rejection reason of the seal check, and acceptance of a correctly sealed block. */
class SealVerifierTest {
  private static final PosConfig CONFIG = PosConfig.DEFAULTS;
  private final ChainRules rules = new ChainRules(CONFIG);
  private final SealVerifier verifier = new SealVerifier(rules, Ed25519Verifier.INSTANCE, 0);
  private final Ed25519KeyPair alice = key(1);
  private final Ed25519KeyPair bob = key(2);
  private final Ed25519KeyPair outsider = key(3);
  private final LedgerState state = stakes(alice.publicKey(), bob.publicKey());
  private final Block genesis =
      new Block(
          new BlockHeader(
              0, Hash.ZERO, 0, alice.publicKey(), MerkleTree.EMPTY_ROOT, Hash.ZERO, new byte[0]),
          List.of());
  private final BlockInfo parent = rules.genesis(genesis, state);

  private static Ed25519KeyPair key(int n) {
    byte[] seed = new byte[32];
    seed[31] = (byte) n;
    return Ed25519KeyPair.fromSeed(seed);
  }

  /** The first slot from 1 in which {@code key} wins on top of genesis. */
  private long winningSlot(Ed25519KeyPair key) {
    for (long slot = 1; ; slot++) {
      ChainRules.SlotContext context = rules.slotContext(parent, slot, state);
      Signature ticket = key.sign(SlotLottery.message(context.randomness(), slot));
      double score = SlotLottery.score(SlotLottery.value(ticket), context.alpha(key.publicKey()));
      if (rules.lottery().isEligible(score)) {
        return slot;
      }
    }
  }

  private long losingSlot(Ed25519KeyPair key) {
    for (long slot = 1; ; slot++) {
      ChainRules.SlotContext context = rules.slotContext(parent, slot, state);
      Signature ticket = key.sign(SlotLottery.message(context.randomness(), slot));
      double score = SlotLottery.score(SlotLottery.value(ticket), context.alpha(key.publicKey()));
      if (!rules.lottery().isEligible(score)) {
        return slot;
      }
    }
  }

  private Block unsealed(Ed25519KeyPair proposer, long timestamp, List<Transaction> txs) {
    return new Block(
        new BlockHeader(
            1,
            genesis.id(),
            timestamp,
            proposer.publicKey(),
            MerkleTree.rootOfTransactions(txs),
            Hash.ZERO,
            new byte[0]),
        txs);
  }

  private Block sealed(Ed25519KeyPair proposer, long slot, List<Transaction> txs) {
    Block block = unsealed(proposer, verifier.slotStartMillis(slot), txs);
    ChainRules.SlotContext context = rules.slotContext(parent, slot, state);
    Signature ticket = proposer.sign(SlotLottery.message(context.randomness(), slot));
    Signature signature = proposer.sign(PosSeal.blockSigningBytes(block.id(), slot));
    return block.withSeal(new PosSeal(slot, ticket, signature).encode());
  }

  private String reason(Block block) {
    return verifier.check(block, parent, state).verdict().reason();
  }

  @Test
  void aWinnersCorrectlySealedBlockIsAcceptedWithItsInfo() {
    long slot = winningSlot(alice);
    SealVerifier.Outcome outcome = verifier.check(sealed(alice, slot, List.of()), parent, state);
    assertThat(outcome.verdict().valid()).isTrue();
    BlockInfo info = outcome.info().orElseThrow();
    assertThat(info.slot()).isEqualTo(slot);
    assertThat(info.cumulativeWeight()).isEqualTo(1_000);
    assertThat(info.proposer()).isEqualTo(alice.publicKey());
  }

  @Test
  void aLosingTicketIsNotEligible() {
    assertThat(reason(sealed(alice, losingSlot(alice), List.of()))).isEqualTo("not-eligible");
  }

  @Test
  void anAccountWithoutStakeCannotPropose() {
    assertThat(reason(sealed(outsider, 1, List.of()))).isEqualTo("proposer-not-a-validator");
  }

  @Test
  void signaturesByAnotherKeyAreRejected() {
    long slot = winningSlot(alice);
    Block good = sealed(alice, slot, List.of());
    PosSeal seal = PosSeal.decode(good.header().seal());
    ChainRules.SlotContext context = rules.slotContext(parent, slot, state);
    Signature bobsTicket = bob.sign(SlotLottery.message(context.randomness(), slot));
    assertThat(reason(good.withSeal(new PosSeal(slot, bobsTicket, seal.blockSignature()).encode())))
        .isEqualTo("bad-lottery-signature");
    Signature bobsBlockSig = bob.sign(PosSeal.blockSigningBytes(good.id(), slot));
    assertThat(
            reason(
                good.withSeal(new PosSeal(slot, seal.lotterySignature(), bobsBlockSig).encode())))
        .isEqualTo("bad-block-signature");
  }

  @Test
  void slotAndTimestampMustAgreeAndAdvance() {
    long slot = winningSlot(alice);
    Block good = sealed(alice, slot, List.of());
    Block shifted =
        unsealed(alice, verifier.slotStartMillis(slot) + 1, List.of())
            .withSeal(good.header().seal());
    assertThat(reason(shifted)).isEqualTo("timestamp-not-slot-start");
    BlockInfo later =
        new BlockInfo(
            parent.id(),
            parent.parent(),
            0,
            slot,
            parent.proposer(),
            0,
            0,
            parent.randomness(),
            parent.accumulator(),
            parent.epochStakes(),
            parent.lastProposed());
    assertThat(verifier.check(good, later, state).verdict().reason())
        .isEqualTo("slot-not-after-parent");
  }

  @Test
  void malformedSealsAreRejected() {
    Block block = unsealed(alice, 250, List.of()).withSeal(new byte[] {1, 2, 3});
    assertThat(reason(block)).isEqualTo("malformed-seal");
  }

  @Test
  void aValidatorSlashedEarlierInTheEpochCannotPropose() {
    long slot = winningSlot(bob);
    LedgerState bobSlashed = stakes(Set.of(bob.publicKey()), alice.publicKey(), bob.publicKey());
    Block block = sealed(bob, slot, List.of());
    assertThat(verifier.check(block, parent, bobSlashed).verdict().reason())
        .isEqualTo("proposer-not-a-validator");
    assertThat(verifier.check(block, parent, state).verdict().valid()).isTrue();
  }

  @Test
  void inCoinAgeModeProposingConsumesTheProposersAge() {
    ChainRules ageRules =
        new ChainRules(
            PosConfig.parse(
                JsonNodeFactory.instance
                    .objectNode()
                    .put("coinAge", true)
                    .put("maxCoinAgeSlots", 1_000)));
    BlockInfo root = ageRules.genesis(genesis, state);
    long slot = winningSlot(alice);
    Block block = sealed(alice, slot, List.of());
    BlockInfo proposed =
        ageRules.child(
            root,
            ageRules.slotContext(root, slot, state),
            block,
            PosSeal.decode(block.header().seal()));
    ChainRules.SlotContext later = ageRules.slotContext(proposed, slot + 10, state);
    assertThat(later.lotteryWeights().get(alice.publicKey()))
        .as("alice's age counts from her block")
        .isEqualTo(1_000.0 * 10);
    assertThat(later.lotteryWeights().get(bob.publicKey()))
        .as("bob's age counts from genesis")
        .isEqualTo(1_000.0 * (slot + 10));
    assertThat(later.alpha(bob.publicKey())).isGreaterThan(later.alpha(alice.publicKey()));
  }

  private static LedgerState stakes(PublicKey... validators) {
    return stakes(Set.of(), validators);
  }

  private static LedgerState stakes(Set<PublicKey> slashed, PublicKey... validators) {
    TreeMap<PublicKey, Long> map = new TreeMap<>();
    for (PublicKey key : validators) {
      map.put(key, 1_000L);
    }
    SortedMap<PublicKey, Long> stakes = Collections.unmodifiableSortedMap(map);
    return new LedgerState() {
      public Hash blockId() {
        return Hash.ZERO;
      }

      public long height() {
        return 0;
      }

      public Hash stateRoot() {
        return Hash.ZERO;
      }

      public Account account(PublicKey owner) {
        return new Account(1_000_000, 0, stakes.getOrDefault(owner, 0L), 0, 0);
      }

      public Optional<byte[]> value(PublicKey owner, byte[] key) {
        return Optional.empty();
      }

      public SortedMap<PublicKey, Long> stakes() {
        return stakes;
      }

      public long totalStake() {
        return stakes.values().stream().mapToLong(Long::longValue).sum();
      }

      public SortedMap<PublicKey, Long> candidates() {
        return Collections.emptySortedMap();
      }

      public SortedMap<PublicKey, List<PublicKey>> votes() {
        return Collections.emptySortedMap();
      }

      @Override
      public SortedMap<PublicKey, Long> slashed() {
        TreeMap<PublicKey, Long> heights = new TreeMap<>();
        slashed.forEach(key -> heights.put(key, 1L));
        return heights;
      }
    };
  }
}

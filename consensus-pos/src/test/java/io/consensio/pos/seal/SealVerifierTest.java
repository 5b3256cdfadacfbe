package io.consensio.pos.seal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.consensio.api.crypto.Ed25519KeyPair;
import io.consensio.api.crypto.Ed25519Verifier;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.crypto.Signature;
import io.consensio.api.ledger.LedgerState;
import io.consensio.api.types.Block;
import io.consensio.api.types.BlockHeader;
import io.consensio.api.types.Hash;
import io.consensio.api.types.MerkleTree;
import io.consensio.api.types.Transaction;
import io.consensio.pos.FixedLedgerState;
import io.consensio.pos.PosConfig;
import io.consensio.pos.chain.BlockInfo;
import io.consensio.pos.chain.ChainRules;
import io.consensio.pos.chain.VrfRegistry;
import io.consensio.pos.lottery.SlotLottery;
import io.consensio.pos.vrf.Ecvrf;
import io.consensio.pos.vrf.VrfKeyPair;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every rejection reason of the seal check, and acceptance of a correctly sealed block. Alice and
 * bob are genesis validators; on {@code registered} (a parent whose registry has alice's VRF key in
 * force) alice's tickets are RFC 9381 proofs, bob's still public ones; carol staked after genesis
 * and has no key.
 */
class SealVerifierTest {
  private static final PosConfig CONFIG = PosConfig.DEFAULTS;
  private final ChainRules rules = new ChainRules(CONFIG);
  private final SealVerifier verifier = new SealVerifier(rules, Ed25519Verifier.INSTANCE, 0);
  private final Ed25519KeyPair alice = key(1);
  private final Ed25519KeyPair bob = key(2);
  private final Ed25519KeyPair outsider = key(3);
  private final Ed25519KeyPair carol = key(4);
  private final VrfKeyPair aliceVrf = VrfKeyPair.derive(alice);
  private final VrfKeyPair bobVrf = VrfKeyPair.derive(bob);
  private final LedgerState state = stakes(alice.publicKey(), bob.publicKey());
  private final Block genesis =
      new Block(
          new BlockHeader(
              0, Hash.ZERO, 0, alice.publicKey(), MerkleTree.EMPTY_ROOT, Hash.ZERO, new byte[0]),
          List.of());
  private final BlockInfo parent = rules.genesis(genesis, state);
  private final BlockInfo registered =
      withRegistry(
          new VrfRegistry(
              Set.of(alice.publicKey(), bob.publicKey()),
              Map.of(alice.publicKey(), new VrfRegistry.Registration(aliceVrf.publicKey(), 0))));

  private static Ed25519KeyPair key(int n) {
    byte[] seed = new byte[32];
    seed[31] = (byte) n;
    return Ed25519KeyPair.fromSeed(seed);
  }

  private BlockInfo withRegistry(VrfRegistry registry) {
    return new BlockInfo(
        parent.id(),
        parent.parent(),
        parent.height(),
        parent.slot(),
        parent.proposer(),
        parent.cumulativeWeight(),
        parent.score(),
        parent.randomness(),
        parent.accumulator(),
        parent.epochStakes(),
        parent.lastProposed(),
        registry);
  }

  /** The ticket {@code key} draws on {@code base} (a VRF proof, or empty for a public ticket). */
  private byte[] ticket(BlockInfo base, Ed25519KeyPair key, long slot) {
    ChainRules.SlotContext context = rules.slotContext(base, slot, state);
    return context.vrfKey(key.publicKey()).isPresent()
        ? VrfKeyPair.derive(key).prove(context.lotteryInput(key.publicKey()))
        : new byte[0];
  }

  private boolean wins(BlockInfo base, Ed25519KeyPair key, long slot) {
    ChainRules.SlotContext context = rules.slotContext(base, slot, state);
    byte[] proof = ticket(base, key, slot);
    Hash value =
        proof.length == 0
            ? SlotLottery.publicValue(context.randomness(), slot, key.publicKey())
            : SlotLottery.vrfValue(Ecvrf.proofToHash(proof).orElseThrow());
    return rules.lottery().isEligible(SlotLottery.score(value, context.alpha(key.publicKey())));
  }

  /** The first slot from 1 in which {@code key} wins on top of {@code base}. */
  private long winningSlot(BlockInfo base, Ed25519KeyPair key) {
    for (long slot = 1; ; slot++) {
      if (wins(base, key, slot)) {
        return slot;
      }
    }
  }

  private long winningSlot(Ed25519KeyPair key) {
    return winningSlot(parent, key);
  }

  private long losingSlot(BlockInfo base, Ed25519KeyPair key) {
    for (long slot = 1; ; slot++) {
      if (!wins(base, key, slot)) {
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

  private Block sealedWith(Ed25519KeyPair proposer, long slot, byte[] proof) {
    Block block = unsealed(proposer, verifier.slotStartMillis(slot), List.of());
    Signature signature = proposer.sign(PosSeal.blockSigningBytes(block.id(), slot));
    return block.withSeal(new PosSeal(slot, proof, signature).encode());
  }

  private Block sealed(BlockInfo base, Ed25519KeyPair proposer, long slot) {
    return sealedWith(proposer, slot, ticket(base, proposer, slot));
  }

  private String reason(Block block) {
    return reason(parent, block);
  }

  private String reason(BlockInfo base, Block block) {
    return verifier.check(block, base, state).verdict().reason();
  }

  @Test
  void aWinnersCorrectlySealedBlockIsAcceptedWithItsInfo() {
    long slot = winningSlot(alice);
    SealVerifier.Outcome outcome = verifier.check(sealed(parent, alice, slot), parent, state);
    assertThat(outcome.verdict().valid()).isTrue();
    BlockInfo info = outcome.info().orElseThrow();
    assertThat(info.slot()).isEqualTo(slot);
    assertThat(info.cumulativeWeight()).isEqualTo(1_000);
    assertThat(info.proposer()).isEqualTo(alice.publicKey());
  }

  @Test
  void aWinningVrfTicketUnderTheRegisteredKeyIsAccepted() {
    long slot = winningSlot(registered, alice);
    Block block = sealed(registered, alice, slot);
    assertThat(PosSeal.decode(block.header().seal()).hasVrfProof()).isTrue();
    SealVerifier.Outcome outcome = verifier.check(block, registered, state);
    assertThat(outcome.verdict().valid()).isTrue();
    assertThat(outcome.info().orElseThrow().vrfRegistry()).isEqualTo(registered.vrfRegistry());
  }

  @Test
  void aLosingTicketIsNotEligible() {
    assertThat(reason(sealed(parent, alice, losingSlot(parent, alice)))).isEqualTo("not-eligible");
    long slot = losingSlot(registered, alice);
    assertThat(reason(registered, sealed(registered, alice, slot))).isEqualTo("not-eligible");
  }

  @Test
  void aVrfProofThatDoesNotVerifyIsRejected() {
    long slot = winningSlot(registered, alice);
    byte[] proof = ticket(registered, alice, slot);
    byte[] altered = proof.clone();
    altered[40] ^= 1;
    assertThat(reason(registered, sealedWith(alice, slot, altered))).isEqualTo("bad-vrf-proof");
    byte[] forAnotherSlot = ticket(registered, alice, slot + 1);
    assertThat(reason(registered, sealedWith(alice, slot, forAnotherSlot)))
        .isEqualTo("bad-vrf-proof");
    ChainRules.SlotContext context = rules.slotContext(registered, slot, state);
    byte[] underAnotherKey = bobVrf.prove(context.lotteryInput(alice.publicKey()));
    assertThat(reason(registered, sealedWith(alice, slot, underAnotherKey)))
        .as("alice's proof under a key other than her registered one")
        .isEqualTo("bad-vrf-proof");
  }

  @Test
  void aValidatorThatRegisteredAnotherValidatorsVrfKeyCannotReuseItsProofs() {
    VrfRegistry.Registration aliceKey = new VrfRegistry.Registration(aliceVrf.publicKey(), 0);
    BlockInfo copied =
        withRegistry(
            new VrfRegistry(
                Set.of(alice.publicKey(), bob.publicKey()),
                Map.of(alice.publicKey(), aliceKey, bob.publicKey(), aliceKey)));
    long slot = winningSlot(copied, alice);
    byte[] alicesProof = ticket(copied, alice, slot);
    assertThat(
            verifier.check(sealedWith(alice, slot, alicesProof), copied, state).verdict().valid())
        .as("alice's own block")
        .isTrue();
    assertThat(reason(copied, sealedWith(bob, slot, alicesProof)))
        .as("the VRF input names the validator, so alice's proof is not bob's")
        .isEqualTo("bad-vrf-proof");
  }

  @Test
  void theTicketKindIsTheRegistrysNotTheProposers() {
    long slot = winningSlot(registered, alice);
    assertThat(reason(registered, sealedWith(alice, slot, new byte[0])))
        .as("a public ticket once the VRF key is in force")
        .isEqualTo("vrf-proof-missing");
    long bobsSlot = winningSlot(registered, bob);
    ChainRules.SlotContext context = rules.slotContext(registered, bobsSlot, state);
    assertThat(
            reason(
                registered,
                sealedWith(bob, bobsSlot, bobVrf.prove(context.lotteryInput(bob.publicKey())))))
        .as("a VRF proof from a validator without a key in force")
        .isEqualTo("public-ticket-expected");
  }

  @Test
  void aValidatorThatJoinedAfterGenesisNeedsARegisteredKey() {
    LedgerState withCarol = stakes(alice.publicKey(), bob.publicKey(), carol.publicKey());
    BlockInfo base = withRegistry(VrfRegistry.genesis(Set.of(alice.publicKey(), bob.publicKey())));
    BlockInfo epochStart =
        new BlockInfo(
            base.id(),
            base.parent(),
            base.height(),
            base.slot(),
            base.proposer(),
            base.cumulativeWeight(),
            base.score(),
            base.randomness(),
            base.accumulator(),
            withCarol.stakes(),
            base.lastProposed(),
            base.vrfRegistry());
    Block block = sealedWith(carol, 1, new byte[0]);
    assertThat(verifier.check(block, epochStart, withCarol).verdict().reason())
        .isEqualTo("no-vrf-key");
  }

  @Test
  void anAccountWithoutStakeCannotPropose() {
    assertThat(reason(sealed(parent, outsider, 1))).isEqualTo("proposer-not-a-validator");
  }

  @Test
  void aBlockSignatureByAnotherKeyIsRejected() {
    long slot = winningSlot(alice);
    Block good = sealed(parent, alice, slot);
    PosSeal seal = PosSeal.decode(good.header().seal());
    Signature bobsBlockSig = bob.sign(PosSeal.blockSigningBytes(good.id(), slot));
    assertThat(reason(good.withSeal(new PosSeal(slot, seal.vrfProof(), bobsBlockSig).encode())))
        .isEqualTo("bad-block-signature");
  }

  @Test
  void slotAndTimestampMustAgreeAndAdvance() {
    long slot = winningSlot(alice);
    Block good = sealed(parent, alice, slot);
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
            parent.lastProposed(),
            parent.vrfRegistry());
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
    Block block = sealed(parent, bob, slot);
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
    Block block = sealed(parent, alice, slot);
    BlockInfo proposed =
        ageRules.child(
            root,
            ageRules.slotContext(root, slot, state),
            block,
            PosSeal.decode(block.header().seal()),
            SlotLottery.publicValue(root.randomness(), slot, alice.publicKey()));
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
    return FixedLedgerState.staking(1_000_000, 1_000, slashed, validators);
  }
}

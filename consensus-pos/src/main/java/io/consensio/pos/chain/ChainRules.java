package io.consensio.pos.chain;

import io.consensio.api.crypto.PublicKey;
import io.consensio.api.ledger.LedgerState;
import io.consensio.api.types.Block;
import io.consensio.api.types.Hash;
import io.consensio.pos.PosConfig;
import io.consensio.pos.lottery.SlotLottery;
import io.consensio.pos.seal.PosSeal;
import io.consensio.pos.vrf.Ecvrf;
import io.consensio.pos.vrf.VrfPublicKey;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The deterministic rules that turn a parent's {@link BlockInfo} and a block into the block's own:
 * which validators may win a slot and with what weight, and how epoch randomness evolves. Pure
 * functions of their inputs; stateless and thread-safe.
 *
 * <p>Epoch randomness follows Ouroboros Praos §7 (η_e derived from the VRF outputs of the previous
 * epoch's blocks): η_e = SHA-256("eta" ‖ η_p ‖ e ‖ acc_p), where p is the epoch of the last block
 * before e (epochs without blocks are skipped in O(1)) and acc_p hashes the lottery values of p's
 * blocks in chain order. As in Praos, the last proposers of an epoch can bias η by withholding
 * blocks (grinding); Praos bounds this by using only the first 2/3 of the epoch, which this simpler
 * rule does not do.
 *
 * <p>Which ticket a validator draws in a slot, and against which VRF key it is checked, is the
 * {@link VrfRegistry}'s rule; the registry advances at each epoch boundary with the validator set.
 */
public final class ChainRules {
  private static final byte[] ETA0 = "consensio/pos/eta0".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ETA = "consensio/pos/eta".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ACC = "consensio/pos/acc".getBytes(StandardCharsets.US_ASCII);

  private final PosConfig config;
  private final SlotLottery lottery;

  public ChainRules(PosConfig config) {
    this.config = config;
    this.lottery = new SlotLottery(config.activeSlotCoefficient());
  }

  public PosConfig config() {
    return config;
  }

  public SlotLottery lottery() {
    return lottery;
  }

  /**
   * Who may win {@code slot} on top of a parent, and with what lottery weight.
   *
   * @param ledgerStakes the ledger's stakes at the epoch boundary
   * @param stakes those stakes without validators slashed since (in the parent's state): the slot's
   *     validators and their fork-choice weights
   * @param lotteryWeights stakes, or stake × coin age in coin-age mode
   * @param vrfRegistry the VRF keys in force, as of this epoch's boundary
   */
  public record SlotContext(
      long slot,
      long epoch,
      boolean startsEpoch,
      Hash randomness,
      SortedMap<PublicKey, Long> ledgerStakes,
      SortedMap<PublicKey, Long> stakes,
      SortedMap<PublicKey, Double> lotteryWeights,
      double totalLotteryWeight,
      VrfRegistry vrfRegistry) {
    /** The validator's share α of the lottery weight, 0 when it has none. */
    public double alpha(PublicKey validator) {
      Double weight = lotteryWeights.get(validator);
      return weight == null || !(totalLotteryWeight > 0) ? 0 : weight / totalLotteryWeight;
    }

    /** The VRF key that checks {@code validator}'s ticket in this slot, if one is in force. */
    public Optional<VrfPublicKey> vrfKey(PublicKey validator) {
      return vrfRegistry.activeKey(validator, epoch);
    }

    /** Whether {@code validator} draws a public bootstrap ticket in this slot. */
    public boolean drawsPublicTicket(PublicKey validator) {
      return vrfRegistry.drawsPublicTicket(validator, epoch);
    }

    /** The VRF input α of {@code validator}'s ticket in this slot. */
    public byte[] lotteryInput(PublicKey validator) {
      return SlotLottery.message(randomness, slot, validator);
    }
  }

  public BlockInfo genesis(Block genesis, LedgerState state) {
    Hash eta0 = Hash.sha256(ETA0, genesis.id().toBytes());
    return new BlockInfo(
        genesis.id(),
        genesis.parent(),
        genesis.height(),
        0,
        genesis.header().proposer(),
        0,
        0,
        eta0,
        Hash.ZERO,
        state.stakes(),
        Collections.emptySortedMap(),
        VrfRegistry.genesis(state.stakes().keySet()));
  }

  /**
   * The lottery context of {@code slot} (which must exceed the parent's slot) on top of {@code
   * parent}, whose ledger state is {@code parentState}: a new epoch takes its validator set from
   * that state, the epoch boundary. A validator slashed later in the epoch leaves at once: the
   * ledger forces its stake to unbond, which only shows at the next boundary, so the validators the
   * parent's state marks slashed are left out here. The same boundary state feeds the {@link
   * VrfRegistry}.
   */
  public SlotContext slotContext(BlockInfo parent, long slot, LedgerState parentState) {
    long epoch = config.epochOf(slot);
    boolean startsEpoch = epoch > config.epochOf(parent.slot());
    SortedMap<PublicKey, Long> ledgerStakes =
        startsEpoch ? parentState.stakes() : parent.epochStakes();
    Hash randomness =
        startsEpoch
            ? nextRandomness(parent.randomness(), epoch, parent.accumulator())
            : parent.randomness();
    VrfRegistry registry =
        startsEpoch ? parent.vrfRegistry().capture(parentState, epoch) : parent.vrfRegistry();
    SortedMap<PublicKey, Long> stakes = withoutSlashed(ledgerStakes, parentState);
    TreeMap<PublicKey, Double> weights = new TreeMap<>();
    double total = 0;
    for (Map.Entry<PublicKey, Long> entry : stakes.entrySet()) {
      double weight = entry.getValue();
      if (config.coinAge()) {
        long last = parent.lastProposed().getOrDefault(entry.getKey(), 0L);
        weight *= Math.min(config.maxCoinAgeSlots(), slot - last);
      }
      weights.put(entry.getKey(), weight);
      total += weight;
    }
    return new SlotContext(
        slot, epoch, startsEpoch, randomness, ledgerStakes, stakes, weights, total, registry);
  }

  private static SortedMap<PublicKey, Long> withoutSlashed(
      SortedMap<PublicKey, Long> stakes, LedgerState state) {
    if (state.slashed().isEmpty()) {
      return stakes;
    }
    TreeMap<PublicKey, Long> result = new TreeMap<>(stakes);
    result.keySet().removeIf(state::isSlashed);
    return result;
  }

  public static Hash nextRandomness(Hash previous, long epoch, Hash accumulator) {
    byte[] epochBytes = new byte[8];
    for (int i = 0; i < 8; i++) {
      epochBytes[i] = (byte) (epoch >>> (56 - 8 * i));
    }
    return Hash.sha256(ETA, previous.toBytes(), epochBytes, accumulator.toBytes());
  }

  /**
   * The lottery value a seal claims for {@code proposer}, without verifying the VRF proof (for
   * blocks verified before, e.g. re-derived after a restart): β of the proof, or the public ticket.
   * Empty when the proof does not decode.
   */
  public Optional<Hash> claimedValue(SlotContext context, PublicKey proposer, PosSeal seal) {
    if (seal.hasVrfProof()) {
      return Ecvrf.proofToHash(seal.vrfProof()).map(SlotLottery::vrfValue);
    }
    return Optional.of(SlotLottery.publicValue(context.randomness(), context.slot(), proposer));
  }

  /**
   * The info of {@code block}, sealed with {@code seal} whose lottery value is {@code value}, on
   * top of {@code parent}. The caller has verified the seal.
   */
  public BlockInfo child(
      BlockInfo parent, SlotContext context, Block block, PosSeal seal, Hash value) {
    PublicKey proposer = block.header().proposer();
    Hash accumulator =
        Hash.sha256(
            ACC,
            (context.startsEpoch() ? Hash.ZERO : parent.accumulator()).toBytes(),
            value.toBytes());
    long weight = context.stakes().getOrDefault(proposer, 0L);
    long cumulative =
        parent.cumulativeWeight() > Long.MAX_VALUE - weight
            ? Long.MAX_VALUE
            : parent.cumulativeWeight() + weight;
    SortedMap<PublicKey, Long> lastProposed = parent.lastProposed();
    if (config.coinAge()) {
      TreeMap<PublicKey, Long> updated = new TreeMap<>(lastProposed);
      updated.put(proposer, seal.slot());
      lastProposed = updated;
    }
    return new BlockInfo(
        block.id(),
        block.parent(),
        block.height(),
        seal.slot(),
        proposer,
        cumulative,
        SlotLottery.score(value, context.alpha(proposer)),
        context.randomness(),
        accumulator,
        context.ledgerStakes(),
        lastProposed,
        context.vrfRegistry());
  }
}

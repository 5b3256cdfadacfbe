package io.consensio.pos;

import com.fasterxml.jackson.databind.JsonNode;
import io.consensio.api.ConsensusConfigException;
import java.util.Iterator;
import java.util.Set;

/**
 * Settings of proof of stake, from {@code consensus.pos} in the node config. Every node of a chain
 * must use the same values for the consensus rules ({@code slotMillis}, {@code epochSlots}, {@code
 * activeSlotCoefficient}, {@code coinAge}, {@code maxCoinAgeSlots}); the others are local. Slashing
 * amounts and the reporter's reward are ledger rules, fixed in the genesis ({@code slashPercent},
 * {@code reporterRewardPercent}).
 *
 * @param slotMillis length of a slot, the unit of the lottery
 * @param epochSlots slots per epoch; validator set, randomness and finality checkpoints change per
 *     epoch
 * @param activeSlotCoefficient Praos' f: the probability that a slot has at least one eligible
 *     validator
 * @param coinAge Peercoin mode: lottery weight is stake times the slots since the validator last
 *     proposed, capped at {@code maxCoinAgeSlots}
 * @param maxCoinAgeSlots cap on coin age (Peercoin caps it too, so hoarded age cannot dominate)
 * @param voteDelaySlots slots into an epoch at which validators vote for its checkpoint
 * @param maxBatchTxs most transactions a proposer puts in a block. With the default slot length and
 *     f, a block comes about every 500 ms, so the chain's capacity is about twice this per second:
 *     8,000 leaves room above what two cores can verify (about 6,000 signed transactions per second
 *     on the development machine); 2,000 capped PoS below it
 * @param maxBatchBytes most transaction bytes a proposer puts in a block, at most {@link
 *     #MAX_BATCH_BYTES}
 * @param syncBatchBlocks most blocks sent in answer to one catch-up request
 * @param maxOrphans most blocks with an unknown parent held while their ancestors are fetched
 * @param voteRetentionEpochs finality votes kept below the finalized epoch (for surround-vote
 *     detection and for peers catching up)
 */
public record PosConfig(
    long slotMillis,
    int epochSlots,
    double activeSlotCoefficient,
    boolean coinAge,
    long maxCoinAgeSlots,
    int voteDelaySlots,
    int maxBatchTxs,
    int maxBatchBytes,
    int syncBatchBlocks,
    int maxOrphans,
    int voteRetentionEpochs) {
  public static final PosConfig DEFAULTS =
      new PosConfig(250, 8, 0.5, false, 64, 2, 8_000, 4 << 20, 64, 512, 16);

  /**
   * Upper bound of maxBatchBytes: half the transport's 16 MiB frame, so a block message (and a
   * catch-up answer that carries one block) always fits in a frame.
   */
  public static final int MAX_BATCH_BYTES = 8 << 20;

  private static final String PREFIX = "consensus.pos.";
  private static final Set<String> KEYS =
      Set.of(
          "slotMillis",
          "epochSlots",
          "activeSlotCoefficient",
          "coinAge",
          "maxCoinAgeSlots",
          "voteDelaySlots",
          "maxBatchTxs",
          "maxBatchBytes",
          "syncBatchBlocks",
          "maxOrphans",
          "voteRetentionEpochs");

  /** Reads the section, applying defaults; rejects unknown keys and out-of-range values. */
  public static PosConfig parse(JsonNode section) {
    if (section == null || section.isMissingNode() || section.isNull()) {
      return DEFAULTS;
    }
    if (!section.isObject()) {
      throw new ConsensusConfigException("consensus.pos", "must be a mapping of settings");
    }
    for (Iterator<String> it = section.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!KEYS.contains(key)) {
        throw new ConsensusConfigException(
            PREFIX + key, "unknown setting; valid settings are " + new java.util.TreeSet<>(KEYS));
      }
    }
    PosConfig d = DEFAULTS;
    PosConfig config =
        new PosConfig(
            whole(section, "slotMillis", d.slotMillis, 10, 3_600_000),
            (int) whole(section, "epochSlots", d.epochSlots, 2, 100_000),
            fraction(section, "activeSlotCoefficient", d.activeSlotCoefficient),
            bool(section, "coinAge", d.coinAge),
            whole(section, "maxCoinAgeSlots", d.maxCoinAgeSlots, 1, 1L << 40),
            (int) whole(section, "voteDelaySlots", d.voteDelaySlots, 0, 100_000),
            (int) whole(section, "maxBatchTxs", d.maxBatchTxs, 1, 100_000),
            (int) whole(section, "maxBatchBytes", d.maxBatchBytes, 1, MAX_BATCH_BYTES),
            (int) whole(section, "syncBatchBlocks", d.syncBatchBlocks, 1, 4_096),
            (int) whole(section, "maxOrphans", d.maxOrphans, 1, 1 << 20),
            (int) whole(section, "voteRetentionEpochs", d.voteRetentionEpochs, 1, 1 << 20));
    if (config.voteDelaySlots >= config.epochSlots) {
      throw new ConsensusConfigException(
          PREFIX + "voteDelaySlots",
          "must be below epochSlots (" + config.epochSlots + "), got " + config.voteDelaySlots);
    }
    return config;
  }

  public long epochOf(long slot) {
    return slot / epochSlots;
  }

  public long firstSlotOf(long epoch) {
    return epoch * epochSlots;
  }

  private static long whole(JsonNode section, String key, long fallback, long min, long max) {
    JsonNode node = section.get(key);
    if (node == null) {
      return fallback;
    }
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      throw new ConsensusConfigException(
          PREFIX + key, "must be a whole number from " + min + " to " + max + ", got " + node);
    }
    long value = node.asLong();
    if (value < min || value > max) {
      throw new ConsensusConfigException(
          PREFIX + key, "must be from " + min + " to " + max + ", got " + value);
    }
    return value;
  }

  private static double fraction(JsonNode section, String key, double fallback) {
    JsonNode node = section.get(key);
    if (node == null) {
      return fallback;
    }
    if (!node.isNumber() || !(node.asDouble() > 0) || !(node.asDouble() < 1)) {
      throw new ConsensusConfigException(
          PREFIX + key, "must be a number strictly between 0 and 1, got " + node);
    }
    return node.asDouble();
  }

  private static boolean bool(JsonNode section, String key, boolean fallback) {
    JsonNode node = section.get(key);
    if (node == null) {
      return fallback;
    }
    if (!node.isBoolean()) {
      throw new ConsensusConfigException(PREFIX + key, "must be true or false, got " + node);
    }
    return node.asBoolean();
  }
}

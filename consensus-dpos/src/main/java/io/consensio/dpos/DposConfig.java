package io.consensio.dpos;

import com.fasterxml.jackson.databind.JsonNode;
import io.consensio.api.ConsensusConfigException;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/**
 * Settings of delegated proof of stake, from {@code consensus.dpos} in the node config. Every node
 * of a chain must use the same {@code slotMillis} and {@code maxDelegates}: they decide which
 * blocks are valid. The others are local.
 *
 * @param slotMillis length of one production slot (BitShares: 3 s, EOSIO: 500 ms); 500..3000
 * @param maxDelegates N, the number of delegates elected per round (21 as in EOSIO); 1..101
 * @param maxBatchTxs most transactions a delegate puts in one block
 * @param maxBatchBytes most transaction bytes a delegate puts in one block
 * @param syncBatchBlocks most blocks sent in answer to one catch-up request
 * @param maxOrphans most blocks with an unknown parent kept while their ancestors are fetched
 */
public record DposConfig(
    long slotMillis,
    int maxDelegates,
    int maxBatchTxs,
    int maxBatchBytes,
    int syncBatchBlocks,
    int maxOrphans) {
  public static final long MIN_SLOT_MILLIS = 500;
  public static final long MAX_SLOT_MILLIS = 3_000;
  public static final int MAX_DELEGATES_LIMIT = 101;
  public static final DposConfig DEFAULTS = new DposConfig(500, 21, 2_000, 1 << 20, 64, 256);

  private static final String PREFIX = "consensus.dpos.";
  private static final Set<String> KEYS =
      new TreeSet<>(
          Set.of(
              "slotMillis",
              "maxDelegates",
              "maxBatchTxs",
              "maxBatchBytes",
              "syncBatchBlocks",
              "maxOrphans"));

  /** Reads the section, applying defaults; rejects unknown keys and out-of-range values. */
  public static DposConfig parse(JsonNode section) {
    if (section == null || section.isMissingNode() || section.isNull()) {
      return DEFAULTS;
    }
    if (!section.isObject()) {
      throw new ConsensusConfigException("consensus.dpos", "must be a mapping of settings");
    }
    for (Iterator<String> it = section.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!KEYS.contains(key)) {
        throw new ConsensusConfigException(
            PREFIX + key, "unknown setting; valid settings are " + KEYS);
      }
    }
    return new DposConfig(
        number(section, "slotMillis", DEFAULTS.slotMillis, MIN_SLOT_MILLIS, MAX_SLOT_MILLIS),
        (int) number(section, "maxDelegates", DEFAULTS.maxDelegates, 1, MAX_DELEGATES_LIMIT),
        (int) number(section, "maxBatchTxs", DEFAULTS.maxBatchTxs, 1, 100_000),
        (int) number(section, "maxBatchBytes", DEFAULTS.maxBatchBytes, 1, 8 << 20),
        (int) number(section, "syncBatchBlocks", DEFAULTS.syncBatchBlocks, 1, 512),
        (int) number(section, "maxOrphans", DEFAULTS.maxOrphans, 1, 65_536));
  }

  private static long number(JsonNode section, String key, long fallback, long min, long max) {
    JsonNode node = section.get(key);
    if (node == null) {
      return fallback;
    }
    if (!node.isIntegralNumber()
        || !node.canConvertToLong()
        || node.asLong() < min
        || node.asLong() > max) {
      throw new ConsensusConfigException(
          PREFIX + key, "must be a whole number from " + min + " to " + max + ", got " + node);
    }
    return node.asLong();
  }
}

package io.consensio.examples.poa;

import com.fasterxml.jackson.databind.JsonNode;
import io.consensio.api.ConsensusConfigException;
import java.util.Iterator;
import java.util.Set;

/**
 * Settings of the proof-of-authority example, from {@code consensus.poa} in the node config.
 *
 * @param blockIntervalMillis pause after a commit before the next height's first proposal
 * @param emptyBlockMillis how long a round-0 leader waits for transactions before it proposes an
 *     empty block (which keeps heights moving so crashed leaders are noticed and skipped)
 * @param roundTimeoutMillis how long a round may take before validators move to the next leader;
 *     doubles with each failed round of a height, up to 8 times
 * @param maxBatchTxs most transactions per block
 * @param maxBatchBytes most transaction bytes per block
 * @param syncBatchBlocks most decided blocks sent in answer to one catch-up request
 */
public record PoaConfig(
    long blockIntervalMillis,
    long emptyBlockMillis,
    long roundTimeoutMillis,
    int maxBatchTxs,
    int maxBatchBytes,
    int syncBatchBlocks) {
  public static final PoaConfig DEFAULTS = new PoaConfig(50, 1_000, 400, 2_000, 1 << 20, 64);
  private static final Set<String> KEYS =
      Set.of(
          "blockIntervalMillis",
          "emptyBlockMillis",
          "roundTimeoutMillis",
          "maxBatchTxs",
          "maxBatchBytes",
          "syncBatchBlocks");

  /** Reads the section, applying defaults, and rejects unknown keys and out-of-range values. */
  public static PoaConfig parse(JsonNode section) {
    if (section == null || section.isMissingNode() || section.isNull()) {
      return DEFAULTS;
    }
    if (!section.isObject()) {
      throw new ConsensusConfigException("consensus.poa", "must be a mapping of settings");
    }
    for (Iterator<String> it = section.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!KEYS.contains(key)) {
        throw new ConsensusConfigException(
            "consensus.poa." + key, "unknown setting; valid settings are " + KEYS);
      }
    }
    PoaConfig config =
        new PoaConfig(
            positiveLong(section, "blockIntervalMillis", DEFAULTS.blockIntervalMillis),
            positiveLong(section, "emptyBlockMillis", DEFAULTS.emptyBlockMillis),
            positiveLong(section, "roundTimeoutMillis", DEFAULTS.roundTimeoutMillis),
            (int) positiveLong(section, "maxBatchTxs", DEFAULTS.maxBatchTxs),
            (int) positiveLong(section, "maxBatchBytes", DEFAULTS.maxBatchBytes),
            (int) positiveLong(section, "syncBatchBlocks", DEFAULTS.syncBatchBlocks));
    if (config.roundTimeoutMillis <= config.blockIntervalMillis) {
      throw new ConsensusConfigException(
          "consensus.poa.roundTimeoutMillis",
          "must exceed blockIntervalMillis (" + config.blockIntervalMillis + ")");
    }
    return config;
  }

  private static long positiveLong(JsonNode section, String key, long fallback) {
    JsonNode node = section.get(key);
    if (node == null) {
      return fallback;
    }
    if (!node.canConvertToLong()
        || !node.isIntegralNumber()
        || node.asLong() <= 0
        || node.asLong() > Integer.MAX_VALUE) {
      throw new ConsensusConfigException(
          "consensus.poa." + key, "must be a whole number from 1 to 2^31-1, got " + node);
    }
    return node.asLong();
  }
}

package io.consensio.pow;

import com.fasterxml.jackson.databind.JsonNode;
import io.consensio.api.ConsensusConfigException;
import io.consensio.api.crypto.PublicKey;
import io.consensio.pow.difficulty.BitcoinRetarget;
import io.consensio.pow.difficulty.DifficultyRule;
import io.consensio.pow.difficulty.Lwma;
import io.consensio.pow.target.CompactTarget;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/**
 * Settings of the proof-of-work engine, from {@code consensus.pow}. Immutable.
 *
 * <p>Choosing the difficulty: a block needs 2^256 / (target + 1) hashes on average, so for a
 * network of total hash rate R (hashes per second) and a target interval T (seconds) start with
 * {@code genesisBits} = {@link CompactTarget#bitsForExpectedHashes}(R × T); the retarget rule
 * corrects the rest. In the simulator R is the sum of every node's {@code computeUnitsPerSecond}
 * times its workers.
 *
 * @param targetBlockIntervalMillis the block interval the difficulty rule aims at
 * @param difficultyRule {@code bitcoin} (period-wise retarget) or {@code lwma} (per block)
 * @param retargetIntervalBlocks N of the Bitcoin rule (2016 on mainnet)
 * @param lwmaWindowBlocks the LWMA averaging window
 * @param powLimitBits the easiest target any block may have (Bitcoin regtest: 0x207fffff)
 * @param genesisBits the target of the first blocks
 * @param confirmations k: a block k deep (k-1 blocks on top of it) is marked final
 * @param mine whether this node mines
 * @param workers parallel nonce-search tasks, capped at the compute service's parallelism
 * @param chunkNonces nonces per compute task; the simulator charges a whole chunk even when a nonce
 *     is found early, so keep it well below the expected hashes per block there
 * @param maxFutureBlockTimeMillis how far ahead of the local clock a block time may be (Bitcoin: 2
 *     hours)
 * @param orphanPoolSize most blocks held while their ancestors are fetched
 * @param syncBatchBlocks most blocks sent in answer to one catch-up request
 * @param maxBlockTransactions most transactions a mined block takes from the mempool
 * @param maxBlockBytes most transaction bytes a mined block takes from the mempool
 * @param checkpointKey the public key whose checkpoints this node obeys; empty = no checkpoints
 * @param checkpointIntervalBlocks the holder checkpoints heights that are multiples of this
 * @param checkpointDepth the holder checkpoints a height once it is this many blocks deep
 */
public record PowConfig(
    long targetBlockIntervalMillis,
    String difficultyRule,
    int retargetIntervalBlocks,
    int lwmaWindowBlocks,
    int powLimitBits,
    int genesisBits,
    int confirmations,
    boolean mine,
    int workers,
    int chunkNonces,
    long maxFutureBlockTimeMillis,
    int orphanPoolSize,
    int syncBatchBlocks,
    int maxBlockTransactions,
    int maxBlockBytes,
    Optional<PublicKey> checkpointKey,
    int checkpointIntervalBlocks,
    int checkpointDepth) {
  public static final String PREFIX = "consensus.pow.";
  public static final PowConfig DEFAULTS =
      new PowConfig(
          10_000,
          "bitcoin",
          2016,
          45,
          0x207fffff,
          0x1e0fffff,
          6,
          true,
          1,
          1 << 18,
          7_200_000,
          256,
          64,
          2_000,
          1 << 20,
          Optional.empty(),
          10,
          6);

  private static final Set<String> KEYS =
      Set.of(
          "targetBlockIntervalMillis",
          "difficultyRule",
          "retargetIntervalBlocks",
          "lwmaWindowBlocks",
          "powLimitBits",
          "genesisBits",
          "confirmations",
          "mine",
          "workers",
          "chunkNonces",
          "maxFutureBlockTimeMillis",
          "orphanPoolSize",
          "syncBatchBlocks",
          "maxBlockTransactions",
          "maxBlockBytes",
          "checkpointKey",
          "checkpointIntervalBlocks",
          "checkpointDepth");

  public BigInteger powLimit() {
    return CompactTarget.decode(powLimitBits).value();
  }

  public DifficultyRule rule() {
    return switch (difficultyRule) {
      case "lwma" -> new Lwma(lwmaWindowBlocks, targetBlockIntervalMillis, powLimit(), genesisBits);
      default -> new BitcoinRetarget(retargetIntervalBlocks, targetBlockIntervalMillis, powLimit());
    };
  }

  /** Reads the section, applying defaults; unknown keys and bad values name the key at fault. */
  public static PowConfig parse(JsonNode section) {
    if (section == null || section.isMissingNode() || section.isNull()) {
      return DEFAULTS;
    }
    if (!section.isObject()) {
      throw new ConsensusConfigException("consensus.pow", "must be a mapping of settings");
    }
    for (Iterator<String> it = section.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!KEYS.contains(key)) {
        throw new ConsensusConfigException(
            PREFIX + key, "unknown setting; valid settings are " + KEYS);
      }
    }
    PowConfig d = DEFAULTS;
    String rule = text(section, "difficultyRule", d.difficultyRule);
    if (!rule.equals("bitcoin") && !rule.equals("lwma")) {
      throw new ConsensusConfigException(
          PREFIX + "difficultyRule", "must be 'bitcoin' or 'lwma', got '" + rule + "'");
    }
    int powLimitBits = bits(section, "powLimitBits", d.powLimitBits);
    CompactTarget.Decoded limit = CompactTarget.decode(powLimitBits);
    if (limit.negative() || limit.overflow() || limit.value().signum() == 0) {
      throw new ConsensusConfigException(
          PREFIX + "powLimitBits", "is not a positive in-range compact target");
    }
    int genesisBits = bits(section, "genesisBits", d.genesisBits);
    if (!CompactTarget.decode(genesisBits).isUsableTarget(limit.value())) {
      throw new ConsensusConfigException(
          PREFIX + "genesisBits",
          "must be a positive compact target no easier than powLimitBits (0x"
              + Integer.toHexString(powLimitBits)
              + ")");
    }
    Optional<PublicKey> checkpointKey = Optional.empty();
    JsonNode keyNode = section.get("checkpointKey");
    if (keyNode != null && !keyNode.isNull()) {
      try {
        checkpointKey = Optional.of(PublicKey.fromHex(keyNode.asText()));
      } catch (IllegalArgumentException e) {
        throw new ConsensusConfigException(
            PREFIX + "checkpointKey", "must be a 64-character hex Ed25519 public key");
      }
    }
    return new PowConfig(
        range(section, "targetBlockIntervalMillis", d.targetBlockIntervalMillis, 1, 86_400_000),
        rule,
        (int) range(section, "retargetIntervalBlocks", d.retargetIntervalBlocks, 2, 1_000_000),
        (int) range(section, "lwmaWindowBlocks", d.lwmaWindowBlocks, 2, 10_000),
        powLimitBits,
        genesisBits,
        (int) range(section, "confirmations", d.confirmations, 1, 1_000_000),
        bool(section, "mine", d.mine),
        (int) range(section, "workers", d.workers, 1, 1_024),
        (int) range(section, "chunkNonces", d.chunkNonces, 1, 1 << 30),
        range(
            section, "maxFutureBlockTimeMillis", d.maxFutureBlockTimeMillis, 0, 86_400_000L * 365),
        (int) range(section, "orphanPoolSize", d.orphanPoolSize, 1, 100_000),
        (int) range(section, "syncBatchBlocks", d.syncBatchBlocks, 1, 1_000),
        (int) range(section, "maxBlockTransactions", d.maxBlockTransactions, 1, 100_000),
        (int) range(section, "maxBlockBytes", d.maxBlockBytes, 1, 64 << 20),
        checkpointKey,
        (int) range(section, "checkpointIntervalBlocks", d.checkpointIntervalBlocks, 1, 1_000_000),
        (int) range(section, "checkpointDepth", d.checkpointDepth, 1, 1_000_000));
  }

  private static long range(JsonNode section, String key, long fallback, long min, long max) {
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

  private static String text(JsonNode section, String key, String fallback) {
    JsonNode node = section.get(key);
    if (node == null) {
      return fallback;
    }
    if (!node.isTextual()) {
      throw new ConsensusConfigException(PREFIX + key, "must be a string, got " + node);
    }
    return node.asText();
  }

  /** A compact target as a number or a "0x..." string, as Bitcoin writes them. */
  private static int bits(JsonNode section, String key, int fallback) {
    JsonNode node = section.get(key);
    if (node == null) {
      return fallback;
    }
    try {
      long value;
      if (node.isTextual() && node.asText().toLowerCase().startsWith("0x")) {
        value = Long.parseLong(node.asText().substring(2), 16);
      } else if (node.isIntegralNumber() && node.canConvertToLong()) {
        value = node.asLong();
      } else {
        throw new NumberFormatException();
      }
      if (value < 0 || value > 0xFFFF_FFFFL) {
        throw new NumberFormatException();
      }
      return (int) value;
    } catch (NumberFormatException e) {
      throw new ConsensusConfigException(
          PREFIX + key, "must be a 32-bit compact target such as \"0x1d00ffff\", got " + node);
    }
  }
}

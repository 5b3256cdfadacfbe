package io.consensio.raft;

import com.fasterxml.jackson.databind.JsonNode;
import io.consensio.api.ConsensusConfigException;
import java.util.Iterator;
import java.util.Set;

/**
 * The {@code consensus.raft} section of the configuration: immutable, validated on construction.
 *
 * <p>Timing follows the Raft paper §5.6 ("broadcastTime ≪ electionTimeout ≪ MTBF"): heartbeats must
 * come well inside the minimum election timeout, or followers would start elections against a
 * healthy leader.
 *
 * @param electionTimeoutMinMillis lower bound of the randomized election timeout (paper §5.2)
 * @param electionTimeoutMaxMillis upper bound (exclusive) of the randomized election timeout
 * @param heartbeatMillis interval of the leader's heartbeats
 * @param maxBatchTxs most transactions the leader puts in one block
 * @param maxBatchBytes most encoded transaction bytes in one block
 * @param maxInflightAppends most unacknowledged AppendEntries per follower; also the most
 *     uncommitted entries the leader appends before it waits for commits
 * @param maxInflightBytes most unacknowledged entry bytes per follower
 * @param snapshotThresholdEntries log length (entries after the last snapshot) that triggers a
 *     snapshot of the applied prefix
 * @param snapshotThresholdBytes encoded bytes of the log after the last snapshot that trigger a
 *     snapshot, whichever of the two bounds is reached first (thesis §5.1); at least {@code
 *     maxBatchBytes}, or every block would compact the log and a follower one block behind would
 *     need the whole ledger state
 * @param snapshotChunkBytes size of one InstallSnapshot chunk
 * @param preVote run the Pre-Vote phase before an election (thesis §9.6)
 * @param checkQuorum a leader that has not heard from a quorum within an election timeout steps
 *     down, and followers that heard from a leader recently ignore vote requests (thesis §6.2,
 *     §9.6)
 * @param join this node joins a running cluster: until the leader's log says otherwise it is not a
 *     voter of its own bootstrap configuration (its configured peers) and never campaigns; the
 *     operator adds it with {@code consensio membership add} (thesis §4.2.1)
 */
public record RaftConfig(
    long electionTimeoutMinMillis,
    long electionTimeoutMaxMillis,
    long heartbeatMillis,
    int maxBatchTxs,
    int maxBatchBytes,
    int maxInflightAppends,
    long maxInflightBytes,
    long snapshotThresholdEntries,
    long snapshotThresholdBytes,
    int snapshotChunkBytes,
    boolean preVote,
    boolean checkQuorum,
    boolean join) {

  private static final String PREFIX = "consensus.raft.";
  private static final Set<String> KEYS =
      Set.of(
          "electionTimeoutMinMillis",
          "electionTimeoutMaxMillis",
          "heartbeatMillis",
          "maxBatchTxs",
          "maxBatchBytes",
          "maxInflightAppends",
          "maxInflightBytes",
          "snapshotThresholdEntries",
          "snapshotThresholdBytes",
          "snapshotChunkBytes",
          "preVote",
          "checkQuorum",
          "join");

  /** Largest chunk we send or accept; keeps one message well below transport frame limits. */
  public static final int MAX_CHUNK_BYTES = 8 * 1024 * 1024;

  /**
   * 1 GiB of log on disk between compaction points. Memory does not depend on it (an applied entry
   * keeps only its header in memory) and compaction is cheap (it records metadata, thesis §5.3). It
   * caps the disk the log takes and what a restart scans; and a follower away for less than 1 GiB
   * of log — about 100 s at the benchmark's 30,000 opaque transactions per second, some 10 MB of
   * log per second — catches up from the log rather than by an InstallSnapshot, which exports the
   * whole ledger state.
   */
  public static final long DEFAULT_SNAPSHOT_THRESHOLD_BYTES = 1L << 30;

  public static final RaftConfig DEFAULTS =
      new RaftConfig(
          150,
          300,
          50,
          1000,
          1024 * 1024,
          64,
          16L * 1024 * 1024,
          10_000,
          DEFAULT_SNAPSHOT_THRESHOLD_BYTES,
          256 * 1024,
          true,
          true,
          false);

  public RaftConfig {
    positive("electionTimeoutMinMillis", electionTimeoutMinMillis);
    if (electionTimeoutMaxMillis <= electionTimeoutMinMillis) {
      fail(
          "electionTimeoutMaxMillis",
          "must be above electionTimeoutMinMillis (" + electionTimeoutMinMillis + ")",
          electionTimeoutMaxMillis);
    }
    positive("heartbeatMillis", heartbeatMillis);
    if (heartbeatMillis >= electionTimeoutMinMillis) {
      fail(
          "heartbeatMillis",
          "must be below electionTimeoutMinMillis (" + electionTimeoutMinMillis + ")",
          heartbeatMillis);
    }
    positive("maxBatchTxs", maxBatchTxs);
    if (maxBatchBytes < 1024) {
      fail("maxBatchBytes", "must be at least 1024", maxBatchBytes);
    }
    positive("maxInflightAppends", maxInflightAppends);
    if (maxInflightBytes < 2L * maxBatchBytes) {
      fail(
          "maxInflightBytes",
          "must be at least twice maxBatchBytes (" + maxBatchBytes + ") so a full block fits",
          maxInflightBytes);
    }
    if (snapshotThresholdEntries < 2) {
      fail("snapshotThresholdEntries", "must be at least 2", snapshotThresholdEntries);
    }
    if (snapshotThresholdBytes < maxBatchBytes) {
      fail(
          "snapshotThresholdBytes",
          "must be at least maxBatchBytes ("
              + maxBatchBytes
              + "): a smaller log would be compacted at every block, and a follower one block"
              + " behind would need the whole ledger state",
          snapshotThresholdBytes);
    }
    if (snapshotChunkBytes < 1 || snapshotChunkBytes > MAX_CHUNK_BYTES) {
      fail("snapshotChunkBytes", "must be between 1 and " + MAX_CHUNK_BYTES, snapshotChunkBytes);
    }
  }

  /** Most entry bytes in one AppendEntries: the in-flight budget spread over the window. */
  public long maxAppendBytes() {
    return Math.max(1, maxInflightBytes / maxInflightAppends);
  }

  /**
   * Parses a configuration section; absent keys take their defaults. Throws {@link
   * ConsensusConfigException} naming the first key that is unknown, mistyped or out of range.
   */
  public static RaftConfig fromJson(JsonNode section) {
    if (section == null || section.isNull() || section.isMissingNode()) {
      return DEFAULTS;
    }
    if (!section.isObject()) {
      throw new ConsensusConfigException("consensus.raft", "must be an object");
    }
    for (Iterator<String> it = section.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!KEYS.contains(key)) {
        throw new ConsensusConfigException(PREFIX + key, "unknown key; known keys are " + KEYS);
      }
    }
    RaftConfig d = DEFAULTS;
    return new RaftConfig(
        longValue(section, "electionTimeoutMinMillis", d.electionTimeoutMinMillis),
        longValue(section, "electionTimeoutMaxMillis", d.electionTimeoutMaxMillis),
        longValue(section, "heartbeatMillis", d.heartbeatMillis),
        intValue(section, "maxBatchTxs", d.maxBatchTxs),
        intValue(section, "maxBatchBytes", d.maxBatchBytes),
        intValue(section, "maxInflightAppends", d.maxInflightAppends),
        longValue(section, "maxInflightBytes", d.maxInflightBytes),
        longValue(section, "snapshotThresholdEntries", d.snapshotThresholdEntries),
        longValue(section, "snapshotThresholdBytes", d.snapshotThresholdBytes),
        intValue(section, "snapshotChunkBytes", d.snapshotChunkBytes),
        boolValue(section, "preVote", d.preVote),
        boolValue(section, "checkQuorum", d.checkQuorum),
        boolValue(section, "join", d.join));
  }

  private static long longValue(JsonNode section, String key, long fallback) {
    JsonNode node = section.get(key);
    if (node == null) {
      return fallback;
    }
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      throw new ConsensusConfigException(PREFIX + key, "must be an integer, got " + node);
    }
    return node.longValue();
  }

  private static int intValue(JsonNode section, String key, int fallback) {
    JsonNode node = section.get(key);
    if (node == null) {
      return fallback;
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt()) {
      throw new ConsensusConfigException(PREFIX + key, "must be a 32-bit integer, got " + node);
    }
    return node.intValue();
  }

  private static boolean boolValue(JsonNode section, String key, boolean fallback) {
    JsonNode node = section.get(key);
    if (node == null) {
      return fallback;
    }
    if (!node.isBoolean()) {
      throw new ConsensusConfigException(PREFIX + key, "must be true or false, got " + node);
    }
    return node.booleanValue();
  }

  private static void positive(String key, long value) {
    if (value <= 0) {
      fail(key, "must be positive", value);
    }
  }

  private static void fail(String key, String problem, long value) {
    throw new ConsensusConfigException(PREFIX + key, problem + ", got " + value);
  }
}

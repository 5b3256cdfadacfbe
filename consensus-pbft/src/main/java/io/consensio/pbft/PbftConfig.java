package io.consensio.pbft;

import com.fasterxml.jackson.databind.JsonNode;
import io.consensio.api.ConsensusConfigException;
import io.consensio.api.Membership;
import java.util.Iterator;
import java.util.Set;

/**
 * The PBFT engine's configuration ({@code consensus.pbft}), immutable.
 *
 * @param f faults tolerated; default floor((n-1)/3), and n ≥ 3f+1 is required (OSDI'99 §2)
 * @param checkpointInterval K, sequence numbers between checkpoints. Default 20: a checkpoint costs
 *     one signed message per replica and a log truncation, about 5% of the normal-case traffic at
 *     every 20 blocks, while the log never holds more than L = 2K = 40 blocks. L bounds how many
 *     prepared certificates a VIEW-CHANGE carries, so f and L together must keep a NEW-VIEW under
 *     the frame limit (see {@link NewViewSizeBound}) — the paper's experiments used K = 128
 *     requests, but our unit of ordering is a whole batch.
 * @param watermarkWindow L, so that H = h + L (OSDI'99 §4.3); default 2K so that the primary can
 *     keep proposing while the next checkpoint is collecting signatures
 * @param requestTimeoutMillis how long a known transaction may stay unexecuted before a backup
 *     suspects the primary (§4.4)
 * @param viewChangeTimeoutMillis how long to wait for NEW-VIEW after 2f+1 VIEW-CHANGE messages;
 *     doubled for each further view change without progress (§4.5.2)
 * @param maxBatchTxs most transactions in one block
 * @param maxBatchBytes most encoded transaction bytes in one block. Default 1 MiB, at most 8 MiB (a
 *     message carrying one block must fit the transport's 16 MiB frame). VIEW-CHANGE and NEW-VIEW
 *     carry block headers only, so their size does not depend on it
 * @param maxInflight most sequence numbers the primary has proposed but not yet executed
 * @param statusIntervalMillis how often a replica multicasts its STATUS (view, last executed,
 *     stable checkpoint proof), so that a replica that restarted or was cut off while the group is
 *     idle learns what it missed without waiting for new requests (TOCS'02 §5.2, §6.2)
 * @param maxStateResponseBytes the encoded size a STATE-RESPONSE may reach before the serving
 *     replica stops adding blocks (it always sends at least one). Kept well under the transport's
 *     16 MiB frame limit: a response above it is dropped by the transport, and a replica that needs
 *     it would retry forever. The requester asks again from where the response ended.
 * @param authentication how PRE-PREPAREs are authenticated: {@code signatures} (default; every
 *     message is Ed25519-signed, OSDI'99) or {@code macs} (PRE-PREPARE carries an authenticator of
 *     per-pair HMACs, TOCS'02 §4; every other message stays signed, see {@link NormalCase} and the
 *     module README for why PREPARE and COMMIT must)
 */
public record PbftConfig(
    int f,
    int checkpointInterval,
    int watermarkWindow,
    long requestTimeoutMillis,
    long viewChangeTimeoutMillis,
    int maxBatchTxs,
    int maxBatchBytes,
    int maxInflight,
    long statusIntervalMillis,
    int maxStateResponseBytes,
    Authentication authentication) {

  /** How PRE-PREPARE messages are authenticated ({@code consensus.pbft.authentication}). */
  public enum Authentication {
    SIGNATURES,
    MACS;

    /** The configuration value, e.g. {@code macs}. */
    public String configValue() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public static final String PREFIX = "consensus.pbft.";
  public static final int DEFAULT_CHECKPOINT_INTERVAL = 20;
  public static final long DEFAULT_REQUEST_TIMEOUT_MILLIS = 2_000;
  public static final long DEFAULT_VIEW_CHANGE_TIMEOUT_MILLIS = 2_000;
  public static final int DEFAULT_MAX_BATCH_TXS = 500;

  public static final int DEFAULT_MAX_BATCH_BYTES = 1024 * 1024;

  /**
   * Upper bound of maxBatchBytes: half the transport's 16 MiB frame. A PRE-PREPARE, BLOCK-RESPONSE
   * or STATE-RESPONSE carries one whole block, with its header, seal (a commit certificate of at
   * most 256 KiB) and per-transaction lengths, and must fit one frame.
   */
  public static final int MAX_BATCH_BYTES = 8 * 1024 * 1024;

  public static final int DEFAULT_MAX_INFLIGHT = 8;
  public static final long DEFAULT_STATUS_INTERVAL_MILLIS = 1_000;
  public static final int DEFAULT_MAX_STATE_RESPONSE_BYTES = 4 * 1024 * 1024;

  /** Upper bound of maxStateResponseBytes: half the transport's 16 MiB frame limit. */
  public static final int MAX_STATE_RESPONSE_BYTES = 8 * 1024 * 1024;

  private static final Set<String> KEYS =
      Set.of(
          "f",
          "checkpointInterval",
          "watermarkWindow",
          "requestTimeoutMillis",
          "viewChangeTimeoutMillis",
          "maxBatchTxs",
          "maxBatchBytes",
          "maxInflight",
          "statusIntervalMillis",
          "maxStateResponseBytes",
          "authentication");

  /** The defaults for a membership of {@code n} replicas. */
  public static PbftConfig defaults(int n) {
    int f = (n - 1) / 3;
    int window = 2 * DEFAULT_CHECKPOINT_INTERVAL;
    return new PbftConfig(
        f,
        DEFAULT_CHECKPOINT_INTERVAL,
        window,
        DEFAULT_REQUEST_TIMEOUT_MILLIS,
        DEFAULT_VIEW_CHANGE_TIMEOUT_MILLIS,
        DEFAULT_MAX_BATCH_TXS,
        DEFAULT_MAX_BATCH_BYTES,
        DEFAULT_MAX_INFLIGHT,
        DEFAULT_STATUS_INTERVAL_MILLIS,
        DEFAULT_MAX_STATE_RESPONSE_BYTES,
        Authentication.SIGNATURES);
  }

  /** This configuration with another authentication mode. */
  public PbftConfig withAuthentication(Authentication mode) {
    return new PbftConfig(
        f,
        checkpointInterval,
        watermarkWindow,
        requestTimeoutMillis,
        viewChangeTimeoutMillis,
        maxBatchTxs,
        maxBatchBytes,
        maxInflight,
        statusIntervalMillis,
        maxStateResponseBytes,
        mode);
  }

  /**
   * Reads and validates a configuration section; missing keys take their defaults. Throws {@link
   * ConsensusConfigException} naming the offending key.
   */
  public static PbftConfig parse(JsonNode section, Membership membership) {
    int n = membership.size();
    if (section != null && !section.isNull() && !section.isObject()) {
      throw new ConsensusConfigException("consensus.pbft", "must be an object");
    }
    if (section != null && section.isObject()) {
      for (Iterator<String> names = section.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!KEYS.contains(name)) {
          throw new ConsensusConfigException(PREFIX + name, "unknown key; known keys are " + KEYS);
        }
      }
    }
    int f = (int) readLong(section, "f", (n - 1) / 3, 0, Integer.MAX_VALUE);
    if ((long) n < 3L * f + 1) {
      throw new ConsensusConfigException(
          PREFIX + "f", "needs n >= 3f+1 replicas, but n = " + n + " and f = " + f);
    }
    int k =
        (int) readLong(section, "checkpointInterval", DEFAULT_CHECKPOINT_INTERVAL, 1, 1_000_000);
    int window = (int) readLong(section, "watermarkWindow", 2L * k, 1, 1_000_000);
    if (window < k) {
      throw new ConsensusConfigException(
          PREFIX + "watermarkWindow",
          "must be at least checkpointInterval (" + k + "), got " + window);
    }
    long newViewBytes = NewViewSizeBound.worstCaseBytes(f, window);
    if (newViewBytes > NewViewSizeBound.FRAME_LIMIT_BYTES) {
      throw new ConsensusConfigException(
          PREFIX + "watermarkWindow",
          "with f = "
              + f
              + ", watermarkWindow = "
              + window
              + " lets a NEW-VIEW (2f+1 VIEW-CHANGEs of up to watermarkWindow prepared"
              + " certificates of 2f signed PREPAREs each) reach "
              + newViewBytes
              + " bytes, above the transport's frame limit of "
              + NewViewSizeBound.FRAME_LIMIT_BYTES
              + "; lower "
              + PREFIX
              + "watermarkWindow (at most "
              + NewViewSizeBound.largestFittingWindow(f)
              + " here) and "
              + PREFIX
              + "checkpointInterval with it");
    }
    if (window > io.consensio.pbft.messages.MessageCodec.MAX_WINDOW) {
      throw new ConsensusConfigException(
          PREFIX + "watermarkWindow",
          "must be at most " + io.consensio.pbft.messages.MessageCodec.MAX_WINDOW);
    }
    long requestTimeout =
        readLong(section, "requestTimeoutMillis", DEFAULT_REQUEST_TIMEOUT_MILLIS, 1, 86_400_000);
    long viewChangeTimeout =
        readLong(
            section, "viewChangeTimeoutMillis", DEFAULT_VIEW_CHANGE_TIMEOUT_MILLIS, 1, 86_400_000);
    int maxTxs = (int) readLong(section, "maxBatchTxs", DEFAULT_MAX_BATCH_TXS, 1, 100_000);
    int maxBytes =
        (int) readLong(section, "maxBatchBytes", DEFAULT_MAX_BATCH_BYTES, 1024, MAX_BATCH_BYTES);
    int inflight = (int) readLong(section, "maxInflight", DEFAULT_MAX_INFLIGHT, 1, window);
    long statusInterval =
        readLong(section, "statusIntervalMillis", DEFAULT_STATUS_INTERVAL_MILLIS, 10, 86_400_000);
    int stateResponseBytes =
        (int)
            readLong(
                section,
                "maxStateResponseBytes",
                DEFAULT_MAX_STATE_RESPONSE_BYTES,
                1024,
                MAX_STATE_RESPONSE_BYTES);
    return new PbftConfig(
        f,
        k,
        window,
        requestTimeout,
        viewChangeTimeout,
        maxTxs,
        maxBytes,
        inflight,
        statusInterval,
        stateResponseBytes,
        readAuthentication(section));
  }

  private static Authentication readAuthentication(JsonNode section) {
    if (section == null || !section.has("authentication")) {
      return Authentication.SIGNATURES;
    }
    JsonNode node = section.get("authentication");
    for (Authentication mode : Authentication.values()) {
      if (node.isTextual() && node.asText().equals(mode.configValue())) {
        return mode;
      }
    }
    throw new ConsensusConfigException(
        PREFIX + "authentication", "must be \"signatures\" or \"macs\", got " + node);
  }

  private static long readLong(JsonNode section, String key, long fallback, long min, long max) {
    if (section == null || !section.has(key)) {
      return fallback;
    }
    JsonNode node = section.get(key);
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      throw new ConsensusConfigException(PREFIX + key, "must be an integer, got " + node);
    }
    long value = node.asLong();
    if (value < min || value > max) {
      throw new ConsensusConfigException(
          PREFIX + key, "must be between " + min + " and " + max + ", got " + value);
    }
    return value;
  }
}

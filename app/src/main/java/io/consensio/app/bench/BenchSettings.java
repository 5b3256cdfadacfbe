package io.consensio.app.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.consensio.pow.target.CompactTarget;
import java.util.List;

/**
 * The engine settings {@code consensio bench} runs each algorithm with on a devnet, chosen for
 * throughput and short finality on loopback, and written into the report so a figure always comes
 * with the settings that produced it. Anything not listed is the engine's default.
 */
public final class BenchSettings {
  /** The algorithms {@code consensio bench} knows, in report order. */
  public static final List<String> ALGORITHMS =
      List.of("raft", "pbft", "pow", "pos", "dpos", "poa");

  /**
   * Expected double-SHA-256 evaluations per PoW block at the start: about a second of one core's
   * hashing, so blocks come every second or so on loopback while LWMA corrects for the machine.
   */
  static final long POW_EXPECTED_HASHES = 1L << 21;

  private BenchSettings() {}

  /** The {@code consensus.<algorithm>} section for a devnet benchmark. */
  public static ObjectNode forAlgorithm(String algorithm) {
    ObjectNode s = JsonNodeFactory.instance.objectNode();
    switch (algorithm) {
      case "raft" -> s.put("maxBatchTxs", 2_000);
      case "pbft" -> s.put("maxBatchTxs", 2_000);
      case "pow" -> {
        s.put("targetBlockIntervalMillis", 1_000);
        s.put("difficultyRule", "lwma");
        s.put("lwmaWindowBlocks", 20);
        s.put("genesisBits", "0x" + Integer.toHexString(bitsFor(POW_EXPECTED_HASHES)));
        s.put("confirmations", 3);
        s.put("maxBlockTransactions", 4_000);
      }
      case "pos" -> s.put("maxBatchTxs", 4_000);
      case "dpos" -> {
        s.put("slotMillis", 500);
        s.put("maxBatchTxs", 4_000);
      }
      case "poa" -> s.put("blockIntervalMillis", 50);
      default -> {
        // a module without tuned settings runs on its defaults
      }
    }
    return s;
  }

  private static int bitsFor(long expectedHashes) {
    return CompactTarget.bitsForExpectedHashes(expectedHashes);
  }
}

package io.consensio.bench.cluster;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.consensio.pow.target.CompactTarget;
import java.util.List;

/**
 * The engine settings every cluster benchmark uses, chosen for committed throughput rather than the
 * engines' conservative defaults. This is the one place they are written down; the README's table
 * is copied from here.
 *
 * <ul>
 *   <li><b>raft</b>: blocks of up to 2,000 transactions / 1 MiB, 64 AppendEntries in flight per
 *       follower (the default), heartbeat 50 ms. A block is cut as soon as the mempool has work and
 *       the pipeline has room, so there is no block interval.
 *   <li><b>pbft</b>: blocks of up to 2,000 transactions / 1 MiB (the engine's byte default; 256 KiB
 *       until session 6, chosen when a NEW-VIEW carried whole blocks and had to fit a 16 MiB frame:
 *       NEW-VIEW is digest-only now, so smaller blocks only multiplied the PREPARE and COMMIT
 *       signatures per transaction), 8 sequence numbers in flight, checkpoint every 5 sequence
 *       numbers, request timeout 10 s (BFT-SMaRt's in the comparison too): with a window of 1,000
 *       transactions queued at a few hundred commits a second, the default 2 s timer expires on
 *       healthy backups and starts view changes.
 *   <li><b>poa</b> (the example module): blocks of up to 2,000 transactions, block interval 50 ms.
 *   <li><b>pow</b>: LWMA difficulty aiming at 1 s blocks from a genesis difficulty of 2^20 expected
 *       hashes (the nodes share the machine's cores), blocks of up to 10,000 transactions, final at
 *       2 confirmations.
 *   <li><b>pos</b>: 200 ms slots, 4-slot epochs with votes 1 slot in (finality needs two justified
 *       epochs, so its latency is a few epochs), blocks of up to 5,000 transactions.
 *   <li><b>dpos</b>: 500 ms slots (the engine's minimum), every node a delegate up to 21 nodes
 *       (DPoS elects its {@code maxDelegates}, 21 by default, from the genesis producers), blocks
 *       of up to 5,000 transactions; final once more than two thirds of the delegates built on a
 *       block.
 * </ul>
 */
public final class ThroughputSettings {
  /** The consensus types the cluster benchmark knows settings for. */
  public static final List<String> TYPES = List.of("raft", "pbft", "poa", "pow", "pos", "dpos");

  /** Expected hashes per PoW block at genesis: 2^20, about 1 s of one shared core. */
  static final long POW_GENESIS_EXPECTED_HASHES = 1L << 20;

  private ThroughputSettings() {}

  /** The {@code consensus.<type>} section for {@code type}. */
  public static ObjectNode engineSection(String type) {
    ObjectNode section = JsonNodeFactory.instance.objectNode();
    switch (type) {
      case "raft" ->
          section
              .put("maxBatchTxs", 2_000)
              .put("maxBatchBytes", 1 << 20)
              .put("electionTimeoutMinMillis", 1_000)
              .put("electionTimeoutMaxMillis", 2_000);
      case "pbft" ->
          section
              .put("maxBatchTxs", 2_000)
              .put("maxBatchBytes", 1 << 20)
              .put("checkpointInterval", 5)
              .put("requestTimeoutMillis", 10_000);
      case "poa" -> section.put("maxBatchTxs", 2_000).put("blockIntervalMillis", 50);
      case "pow" ->
          section
              .put("targetBlockIntervalMillis", 1_000)
              .put("difficultyRule", "lwma")
              .put("genesisBits", powGenesisBits())
              .put("confirmations", 2)
              .put("maxBlockTransactions", 10_000)
              .put("maxBlockBytes", 4 << 20);
      case "pos" ->
          section
              .put("slotMillis", 200)
              .put("epochSlots", 4)
              .put("voteDelaySlots", 1)
              .put("maxBatchTxs", 5_000)
              .put("maxBatchBytes", 2 << 20);
      case "dpos" ->
          section.put("slotMillis", 500).put("maxBatchTxs", 5_000).put("maxBatchBytes", 2 << 20);
      default ->
          throw new IllegalArgumentException(
              "no throughput settings for consensus type '" + type + "'; known: " + TYPES);
    }
    return section;
  }

  private static int powGenesisBits() {
    return CompactTarget.bitsForExpectedHashes(POW_GENESIS_EXPECTED_HASHES);
  }
}

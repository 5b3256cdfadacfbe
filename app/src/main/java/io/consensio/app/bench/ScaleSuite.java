package io.consensio.app.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.consensio.pow.target.CompactTarget;
import io.consensio.sim.SimulationConfig;
import io.consensio.sim.net.RegionalLinkDelay;
import io.consensio.sim.scale.ScaleResult;
import io.consensio.sim.scale.ScaleRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The simulated-scale study: each algorithm at cluster sizes one machine cannot host as processes,
 * in the deterministic simulator over {@link RegionalLinkDelay#wan} (five regions, 25 Mbit/s
 * uplinks), so the cost of consensus can be read as a function of n.
 *
 * <p>PoW runs at {@link #POW_NODES} nodes for a simulated hour with one-minute blocks and 6-deep
 * finality on a Bitcoin-like peer overlay (each node dials {@link #POW_OUTBOUND_PEERS} random
 * peers; blocks and transactions are relayed hop by hop). Its simulated hash rate is chosen so that
 * the simulator, which runs every nonce search for real, hashes only about {@link
 * #POW_HASHES_PER_BLOCK} times per block. Raft, PBFT and DPoS broadcast to every member and do not
 * relay, so they run on the full mesh; they have {@code loadMillis} of load at {@link
 * #TX_PER_SECOND} and a settle phase. The simulator verifies every signature for real, and PBFT
 * signs every message, so PBFT at 100 nodes costs about 2n² = 20,000 verifications per block: the
 * load phases are short (5 s) so the full study stays within minutes.
 */
public final class ScaleSuite {
  public static final int POW_NODES = 1_000;
  static final long POW_INTERVAL_MILLIS = 60_000;
  static final int POW_CONFIRMATIONS = 6;
  static final long POW_HASHES_PER_BLOCK = 12_000;
  static final long POW_HOUR_MILLIS = 3_600_000;
  static final double POW_TX_PER_SECOND = 0.02;

  /** Outbound peers each PoW node dials (Bitcoin Core: 8 full-relay outbound connections). */
  static final int POW_OUTBOUND_PEERS = 8;

  static final double TX_PER_SECOND = 20;
  static final double UPLINK_MBIT = 25;

  /** One point of the study. */
  public record Point(String consensus, int nodes, long loadMillis, long settleMillis) {}

  private ScaleSuite() {}

  /** The full study: PoW at 1,000 nodes for an hour, PBFT and DPoS 4..100, Raft 3..51. */
  public static List<Point> full() {
    List<Point> points = new ArrayList<>();
    for (int n : new int[] {3, 5, 11, 21, 51}) {
      points.add(new Point("raft", n, 5_000, 5_000));
    }
    for (int n : new int[] {4, 10, 22, 49, 100}) {
      // PBFT verifies ~2n² signatures per block: 2 s of load (40 transactions) at 49 and 100
      points.add(new Point("pbft", n, n >= 49 ? 2_000 : 5_000, 5_000));
    }
    for (int n : new int[] {4, 10, 25, 50, 100}) {
      // DPoS finality waits for two thirds of up to 21 delegates' 500 ms slots: settle 10 s
      points.add(new Point("dpos", n, 5_000, 10_000));
    }
    points.add(new Point("pow", POW_NODES, POW_HOUR_MILLIS, 0));
    return points;
  }

  /**
   * A few minutes' worth: small sizes, PoW at 100 nodes for ten and at 1,000 for five simulated
   * minutes.
   */
  public static List<Point> quick() {
    List<Point> points = new ArrayList<>();
    for (int n : new int[] {3, 5, 9}) {
      points.add(new Point("raft", n, 5_000, 5_000));
    }
    for (int n : new int[] {4, 7, 13}) {
      points.add(new Point("pbft", n, 5_000, 5_000));
    }
    for (int n : new int[] {4, 10, 21}) {
      points.add(new Point("dpos", n, 5_000, 10_000));
    }
    points.add(new Point("pow", 100, 600_000, 0));
    points.add(new Point("pow", 1_000, 300_000, 0));
    return points;
  }

  /** Runs {@code points} in order, telling {@code progress} which one is next. */
  public static List<ScaleResult> run(List<Point> points, BiConsumer<Integer, Point> progress) {
    List<ScaleResult> results = new ArrayList<>();
    for (int i = 0; i < points.size(); i++) {
      progress.accept(i, points.get(i));
      results.add(run(points.get(i)));
    }
    return results;
  }

  public static ScaleResult run(Point point) {
    return ScaleRunner.run(
        config(point),
        members -> RegionalLinkDelay.wan(members, UPLINK_MBIT),
        point.consensus().equals("pow") ? POW_OUTBOUND_PEERS : 0,
        checkIntervalMillis(point));
  }

  /**
   * Every 100 ms for small clusters as in every simulator test; every 5 s of virtual time for a
   * thousand nodes, where checking every node ten times a simulated second would cost more than the
   * simulation itself (the checkers scan incrementally and once more at the end).
   */
  static long checkIntervalMillis(Point point) {
    return point.nodes() > 200 ? 5_000 : 100;
  }

  static SimulationConfig config(Point point) {
    SimulationConfig base = SimulationConfig.of(point.consensus(), point.nodes(), 1);
    SimulationConfig config =
        base.withDurations(point.loadMillis(), point.settleMillis()).withMaxConcurrentCrashes(0);
    if (point.consensus().equals("pow")) {
      double perNodeHashRate = POW_HASHES_PER_BLOCK * 1_000.0 / POW_INTERVAL_MILLIS / point.nodes();
      ObjectNode pow = JsonNodeFactory.instance.objectNode();
      pow.put("targetBlockIntervalMillis", POW_INTERVAL_MILLIS);
      pow.put("difficultyRule", "lwma");
      pow.put(
          "genesisBits",
          "0x" + Integer.toHexString(CompactTarget.bitsForExpectedHashes(POW_HASHES_PER_BLOCK)));
      pow.put("confirmations", POW_CONFIRMATIONS);
      // one nonce per compute task: at 1,000 nodes a chunk lasts 1/rate = 5 s of virtual time, a
      // twelfth of the interval, so the simulator charging whole chunks delays a find by 2.5 s on
      // average while a thousand miners cost only one event per node every 5 s
      pow.put("chunkNonces", 1);
      return config
          .withLoad(base.load().withRate(POW_TX_PER_SECOND))
          .withComputeUnitsPerSecond(perNodeHashRate)
          .withConsensusSection(pow);
    }
    return config.withLoad(base.load().withRate(TX_PER_SECOND));
  }
}

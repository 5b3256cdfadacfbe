package io.consensio.app.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.consensio.dpos.DposConfig;
import io.consensio.sim.Simulation;
import io.consensio.sim.SimulationConfig;
import io.consensio.sim.SimulationResult;
import io.consensio.sim.load.LoadConfig;
import io.consensio.sim.load.LoadReport;
import io.consensio.sim.net.RegionalLinkDelay;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * DPoS time from submission to irreversibility against the slot length: {@link #DELEGATES}
 * delegates (every node, elected at genesis) in the deterministic simulator over {@link
 * RegionalLinkDelay#wan} with {@link ScaleSuite#UPLINK_MBIT} Mbit/s uplinks, clients sending a
 * steady Poisson stream of {@link #TX_PER_SLOT} signed transactions per slot to random nodes.
 *
 * <p>A transaction's latency runs from its first submission to the first finality poll of the
 * simulator (every 20 ms of virtual time, one running node in turn) that finds its block at or
 * below that node's last irreversible block, i.e. final in the ledger.
 *
 * <p>The expected shape: a block becomes irreversible once more than two thirds of the 21 delegates
 * — 15, the block's producer and 14 others — have built on it, so a transaction waits for the rest
 * of its slot (half a slot on average) plus at least 14 slots, plus network delays: about 15 slots,
 * linear in the slot length. 15 is the floor, reached within a round: the schedule is reshuffled
 * every round (BitShares 2.0), so the 14 blocks after one late in a round include delegates that
 * already built on it, and such a block waits for more blocks (up to the end of the next round).
 *
 * <p>Threading: runs each simulation on the calling thread; only the wall and CPU times it reports
 * come from the clock, measured outside the simulation.
 */
public final class DposFinalitySuite {
  /** The DPoS default: BitShares and EOSIO elect 21 producers. */
  public static final int DELEGATES = DposConfig.DEFAULTS.maxDelegates();

  /** Slot lengths studied: the engine's range, including its default. */
  public static final List<Long> SLOT_MILLIS = List.of(500L, 1_000L, 2_000L, 3_000L);

  /**
   * Client transactions per slot (Poisson arrivals): the same block fullness and the same number of
   * latency samples at every slot length, 10 tx/s at 500 ms down to 1.7 tx/s at 3 s. The cost of a
   * simulation grows with its transactions (every node verifies every signature for real), so this
   * keeps the 3 s point as cheap as the 500 ms one.
   */
  static final int TX_PER_SLOT = 5;

  /**
   * Load phase, in rounds of {@link #DELEGATES} slots: the latency depends on where in its round a
   * block falls (the schedule is reshuffled every round), so every slot length is measured over the
   * same whole number of rounds.
   */
  static final int LOAD_ROUNDS = 3;

  /**
   * Settle phase in slots, enough for the last transaction's worst case: it waits at most two slots
   * for its block, and by the end of the round after its block's all 21 delegates (at most 20 + 21
   * slots later) have built on it.
   */
  static final int SETTLE_SLOTS = 2 * DELEGATES + 3;

  /**
   * Enough clients that the load stays open: fewer than 5 transactions x 45 slots (the worst case)
   * = 225 are in flight, far below 200 clients x 8 outstanding each, so no arrival is throttled (a
   * throttled arrival would wait for a slot in its wallet and make the latency a closed-loop
   * figure).
   */
  static final int CLIENTS = 200;

  /**
   * Never resubmit: there are no faults, so a transaction not yet final is only waiting, and a
   * resubmission would only add duplicate gossip.
   */
  static final long RESUBMIT_AFTER_MICROS = 3_600_000_000L;

  static final long SEED = 1;

  private DposFinalitySuite() {}

  /** The slot length the engine uses when none is configured. */
  public static long defaultSlotMillis() {
    return DposConfig.DEFAULTS.slotMillis();
  }

  /** Runs every slot length of {@link #SLOT_MILLIS} in order, telling {@code progress} each one. */
  public static List<FinalityResult> run(BiConsumer<Integer, Long> progress) {
    List<FinalityResult> results = new ArrayList<>();
    for (int i = 0; i < SLOT_MILLIS.size(); i++) {
      progress.accept(i, SLOT_MILLIS.get(i));
      results.add(run(SLOT_MILLIS.get(i), loadMillis(SLOT_MILLIS.get(i))));
    }
    return results;
  }

  /** The load phase at {@code slotMillis}: {@link #LOAD_ROUNDS} rounds. */
  static long loadMillis(long slotMillis) {
    return LOAD_ROUNDS * DELEGATES * slotMillis;
  }

  /** One simulation at {@code slotMillis} with {@code loadMillis} of submissions. */
  public static FinalityResult run(long slotMillis, long loadMillis) {
    SimulationConfig config = config(slotMillis, loadMillis);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpuStart = threads.getCurrentThreadCpuTime();
    long wallStart = System.nanoTime();
    Simulation simulation = new Simulation(config);
    simulation
        .network()
        .setLinkDelay(
            RegionalLinkDelay.wan(
                List.copyOf(simulation.nodes().keySet()), ScaleSuite.UPLINK_MBIT));
    SimulationResult result = simulation.run();
    long wallMillis = (System.nanoTime() - wallStart) / 1_000_000;
    long cpuMillis = (threads.getCurrentThreadCpuTime() - cpuStart) / 1_000_000;
    LoadReport load = simulation.loadReport();
    return new FinalityResult(
        slotMillis,
        slotMillis == defaultSlotMillis(),
        DELEGATES,
        loadMillis / 1000.0,
        load.submitted(),
        load.finalized(),
        load.pending(),
        load.throttled(),
        load.p50Millis(),
        load.p90Millis(),
        load.p99Millis(),
        load.maxMillis(),
        result.minHeight(),
        wallMillis,
        cpuMillis,
        result.isSafe());
  }

  static SimulationConfig config(long slotMillis, long loadMillis) {
    ObjectNode dpos = JsonNodeFactory.instance.objectNode();
    dpos.put("slotMillis", slotMillis);
    dpos.put("maxDelegates", DELEGATES);
    SimulationConfig base = SimulationConfig.of("dpos", DELEGATES, SEED);
    LoadConfig load =
        base.load()
            .withClients(CLIENTS)
            .withRate(TX_PER_SLOT * 1000.0 / slotMillis)
            .withResubmitAfterMicros(RESUBMIT_AFTER_MICROS);
    return base.withDurations(loadMillis, SETTLE_SLOTS * slotMillis)
        .withMaxConcurrentCrashes(0)
        .withLoad(load)
        .withConsensusSection(dpos);
  }
}

package io.consensio.pow.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.consensio.api.types.NodeId;
import io.consensio.sim.SimNode;
import io.consensio.sim.Simulation;
import io.consensio.sim.SimulationConfig;
import io.consensio.sim.net.LatencyModel;
import org.junit.jupiter.api.Test;

/**
 * Stale blocks — found, but not on the final chain — appear when a block is found before the
 * previous one has reached every miner, so their share grows with latency over block interval (the
 * trade-off behind Bitcoin's ten minutes). Prints the rate for several intervals and latencies;
 * asserts only the direction: at equal latency, shorter intervals are staler.
 */
class StaleRateTest {
  static final int NODES = 4;
  static final int BLOCKS = 120;
  static final long[] INTERVALS = {2_000, 500, 125};

  static double staleRate(long intervalMillis, long medianLatencyMillis) {
    ObjectNode section = SimPow.section(intervalMillis, 6);
    // Finer chunks than elsewhere: the simulator delivers a find at the end of its chunk, a delay
    // that would otherwise add 1/16 of the interval to every block's propagation.
    section.put("chunkNonces", 2);
    SimulationConfig base = SimulationConfig.of("pow", NODES, 9);
    SimulationConfig config =
        base.withDurations(BLOCKS * intervalMillis, 0)
            .withLoad(base.load().withRate(2))
            .withLatency(
                new LatencyModel.LogNormal(
                    medianLatencyMillis * 1_000, medianLatencyMillis * 4_000))
            .withComputeUnitsPerSecond(SimPow.hashRate(NODES, intervalMillis))
            .withConsensusSection(section);
    Simulation simulation = new Simulation(config);
    simulation.run();
    long mined = 0;
    for (SimNode node : simulation.nodes().values()) {
      mined += node.metrics().counter("pow.mined");
    }
    long kept = simulation.nodes().get(NodeId.of("node-00")).core().chain().head().height();
    return 1.0 - (double) kept / mined;
  }

  @Test
  void staleBlocksBecomeCommonerAsTheIntervalShrinks() {
    for (long latency : new long[] {10, 50}) {
      double previous = -1;
      for (long interval : INTERVALS) {
        double rate = staleRate(interval, latency);
        System.out.printf(
            "stale-block rate: interval %5d ms, median latency %3d ms -> %5.1f%%%n",
            interval, latency, rate * 100);
        assertThat(rate)
            .as("interval %d ms at %d ms latency", interval, latency)
            .isGreaterThan(previous);
        previous = rate;
      }
    }
  }
}

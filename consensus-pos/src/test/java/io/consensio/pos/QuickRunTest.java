package io.consensio.pos;

import io.consensio.sim.*;
import io.consensio.sim.fault.FaultPlan;
import org.junit.jupiter.api.Test;

class QuickRunTest {
  @Test
  void run() {
    for (String faults :
        new String[] {
          "none", "loss=0.1,dup=0.02,reorder=0.1", "partition", "crash,loss=0.05", "pause,skew"
        }) {
      long t = System.nanoTime();
      Simulation sim =
          new Simulation(
              SimulationConfig.of("pos", 4, 1)
                  .withFaults(FaultPlan.parse(faults))
                  .withDurations(15_000, 20_000));
      SimulationResult r = sim.run();
      System.out.println(
          faults
              + " -> "
              + r.toJson().replace("\n", " ")
              + " wall="
              + (System.nanoTime() - t) / 1e9);
      for (SimNode n : sim.nodes().values())
        System.out.println(n.id() + " " + n.core().status() + " ");
    }
  }
}

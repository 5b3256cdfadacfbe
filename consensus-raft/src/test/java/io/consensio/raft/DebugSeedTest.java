package io.consensio.raft;

import org.junit.jupiter.api.Test;

class DebugSeedTest {
  @Test
  void replay() {
    long seed = Long.getLong("seed", 7);
    try {
      RandomizedSafetyTest.run(seed);
    } catch (Throwable t) {
      System.out.println("FAILED " + t);
      t.printStackTrace(System.out);
    }
    System.out.println(RandomizedSafetyTest.lastCluster.describe());
  }
}

package io.consensio.api.services;

import java.util.function.DoubleSupplier;

/**
 * Counters, gauges and distributions. Names are dotted ({@code raft.append.rejected}); tags are
 * alternating key/value strings ({@code "reason", "stale-term"}). The runtime backs this with
 * Micrometer (exported at {@code /metrics}); the simulator keeps plain counters it can assert on.
 */
public interface Metrics {
  void increment(String name, String... tags);

  void add(String name, long amount, String... tags);

  /** Records one observation of a distribution (latency in ms, batch size). */
  void record(String name, double value, String... tags);

  void gauge(String name, DoubleSupplier value, String... tags);

  /**
   * Metrics that go nowhere, for tests of parts that need a Metrics but assert nothing about it.
   */
  Metrics NOOP =
      new Metrics() {
        public void increment(String name, String... tags) {}

        public void add(String name, long amount, String... tags) {}

        public void record(String name, double value, String... tags) {}

        public void gauge(String name, DoubleSupplier value, String... tags) {}
      };
}

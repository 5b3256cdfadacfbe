package io.consensio.runtime.metrics;

import io.consensio.api.services.Metrics;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoubleSupplier;

/**
 * Plain counters and gauges kept in memory: what the simulator and tests read back. Keys are the
 * metric name followed by its tags, e.g. {@code poa.dropped{reason=malformed}}. Not thread-safe; a
 * node's metrics are written from its event loop.
 */
public final class InMemoryMetrics implements Metrics {
  private final TreeMap<String, Long> counters = new TreeMap<>();
  private final TreeMap<String, DoubleSupplier> gauges = new TreeMap<>();
  private final TreeMap<String, double[]> distributions = new TreeMap<>();

  static String key(String name, String... tags) {
    if (tags.length == 0) {
      return name;
    }
    StringBuilder key = new StringBuilder(name).append('{');
    for (int i = 0; i + 1 < tags.length; i += 2) {
      if (i > 0) {
        key.append(',');
      }
      key.append(tags[i]).append('=').append(tags[i + 1]);
    }
    return key.append('}').toString();
  }

  @Override
  public void increment(String name, String... tags) {
    add(name, 1, tags);
  }

  @Override
  public void add(String name, long amount, String... tags) {
    counters.merge(key(name, tags), amount, Long::sum);
  }

  @Override
  public void record(String name, double value, String... tags) {
    double[] stats = distributions.computeIfAbsent(key(name, tags), k -> new double[3]);
    stats[0]++;
    stats[1] += value;
    stats[2] = Math.max(stats[2], value);
  }

  @Override
  public void gauge(String name, DoubleSupplier value, String... tags) {
    gauges.put(key(name, tags), value);
  }

  /** A counter's value, 0 if never incremented. */
  public long counter(String name, String... tags) {
    return counters.getOrDefault(key(name, tags), 0L);
  }

  /** Sum of a counter over all its tag values. */
  public long counterTotal(String name) {
    long total = 0;
    for (Map.Entry<String, Long> e : counters.entrySet()) {
      if (e.getKey().equals(name) || e.getKey().startsWith(name + "{")) {
        total += e.getValue();
      }
    }
    return total;
  }

  public Map<String, Long> counters() {
    return Map.copyOf(counters);
  }

  public double gaugeValue(String name, String... tags) {
    DoubleSupplier gauge = gauges.get(key(name, tags));
    return gauge == null ? Double.NaN : gauge.getAsDouble();
  }
}

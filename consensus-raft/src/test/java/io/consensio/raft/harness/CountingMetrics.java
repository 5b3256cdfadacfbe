package io.consensio.raft.harness;

import io.consensio.api.services.Metrics;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoubleSupplier;

/** Plain counters keyed by name and tags, e.g. {@code raft.message.dropped{reason=malformed}}. */
public final class CountingMetrics implements Metrics {
  private final Map<String, Long> counters = new TreeMap<>();

  private static String key(String name, String... tags) {
    if (tags.length == 0) {
      return name;
    }
    StringBuilder sb = new StringBuilder(name).append('{');
    for (int i = 0; i + 1 < tags.length; i += 2) {
      sb.append(i == 0 ? "" : ",").append(tags[i]).append('=').append(tags[i + 1]);
    }
    return sb.append('}').toString();
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
    counters.merge(key(name + ".count", tags), 1L, Long::sum);
  }

  @Override
  public void gauge(String name, DoubleSupplier value, String... tags) {}

  public long count(String name, String... tags) {
    return counters.getOrDefault(key(name, tags), 0L);
  }

  /** Sum over every tag combination of {@code name}. */
  public long total(String name) {
    return counters.entrySet().stream()
        .filter(e -> e.getKey().equals(name) || e.getKey().startsWith(name + "{"))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  @Override
  public String toString() {
    return counters.toString();
  }
}

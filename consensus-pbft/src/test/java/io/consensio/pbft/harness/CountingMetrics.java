package io.consensio.pbft.harness;

import io.consensio.api.services.Metrics;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoubleSupplier;

/** Plain counters tests can assert on; keys are the name followed by its tags. */
public final class CountingMetrics implements Metrics {
  private final Map<String, Long> counters = new TreeMap<>();

  @Override
  public void increment(String name, String... tags) {
    add(name, 1, tags);
  }

  @Override
  public void add(String name, long amount, String... tags) {
    counters.merge(name, amount, Long::sum);
    if (tags.length > 0) {
      StringBuilder pairs = new StringBuilder();
      for (int i = 0; i + 1 < tags.length; i += 2) {
        pairs.append(i == 0 ? "" : ",").append(tags[i]).append('=').append(tags[i + 1]);
      }
      counters.merge(name + "|" + pairs, amount, Long::sum);
    }
  }

  @Override
  public void record(String name, double value, String... tags) {}

  @Override
  public void gauge(String name, DoubleSupplier value, String... tags) {}

  /** Total of a counter over all its tags. */
  public long count(String name) {
    return counters.getOrDefault(name, 0L);
  }

  /** Total of {@code name} over the tag sets that include {@code tagValue} ({@code key=value}). */
  public long count(String name, String tagValue) {
    long total = 0;
    for (Map.Entry<String, Long> e : counters.entrySet()) {
      String key = e.getKey();
      if (key.startsWith(name + "|")) {
        String tags = key.substring(name.length() + 1);
        for (String t : tags.split(",")) {
          if (t.equals(tagValue)) {
            total += e.getValue();
            break;
          }
        }
      }
    }
    return total;
  }

  @Override
  public String toString() {
    return counters.toString();
  }
}

package io.consensio.runtime.transport;

import io.consensio.api.services.Metrics;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;

/** Metrics that keep counters the tests can read; thread-safe, as the transport's threads count. */
final class CountingMetrics implements Metrics {
  private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();

  @Override
  public void increment(String name, String... tags) {
    add(name, 1, tags);
  }

  @Override
  public void add(String name, long amount, String... tags) {
    counters.computeIfAbsent(key(name, tags), k -> new LongAdder()).add(amount);
  }

  @Override
  public void record(String name, double value, String... tags) {}

  @Override
  public void gauge(String name, DoubleSupplier value, String... tags) {}

  long count(String name, String... tags) {
    LongAdder adder = counters.get(key(name, tags));
    return adder == null ? 0 : adder.sum();
  }

  private static String key(String name, String... tags) {
    return name + "{" + String.join(",", tags) + "}";
  }

  @Override
  public String toString() {
    return counters.toString();
  }
}

package io.consensio.runtime.metrics;

import io.consensio.api.services.Metrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;

/**
 * {@link Metrics} over a Micrometer {@link PrometheusMeterRegistry}: what a real node records and
 * exposes at {@code /metrics}. Dotted names become Prometheus names with underscores ({@code
 * mempool.submitted} is exported as {@code mempool_submitted_total}); tags are alternating
 * key/value strings and become labels.
 *
 * <p>Threading: counters and summaries are thread-safe, so the HTTP server may count its requests
 * from its own threads. A gauge's supplier is read on the thread that scrapes; suppliers that read
 * node state (the mempool size) must therefore be scraped on the node's event loop, which is what
 * the HTTP API does.
 *
 * <p>Tags with a dangling key (an odd count) are recorded without it and counted in {@code
 * metrics.tags.malformed}. Prometheus requires every series of one name to carry the same label
 * keys. A registration that breaks this is refused by the registry; it is not an exception for the
 * caller (a metrics call must never break an engine) but is counted in {@code
 * metrics.registration.failed}.
 */
public final class MicrometerMetrics implements Metrics {
  /** The content type of {@link #scrape()}: the Prometheus text exposition format. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry;
  private final Counter registrationFailures;
  private final Counter malformedTags;

  /**
   * Counters by name and tags, so that a hot counter (one per admitted transaction) is one map
   * lookup: going through the registry each time builds and sorts its tags and a meter id first.
   */
  private final ConcurrentHashMap<CounterKey, Counter> counters = new ConcurrentHashMap<>();

  private record CounterKey(String name, List<String> tags) {}

  public MicrometerMetrics() {
    this(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  public MicrometerMetrics(PrometheusMeterRegistry registry) {
    this.registry = registry;
    this.registrationFailures = registry.counter("metrics.registration.failed");
    this.malformedTags = registry.counter("metrics.tags.malformed");
    registry.config().onMeterRegistrationFailed((id, reason) -> registrationFailures.increment());
  }

  @Override
  public void increment(String name, String... tags) {
    counter(name, tags).increment();
  }

  @Override
  public void add(String name, long amount, String... tags) {
    counter(name, tags).increment(amount);
  }

  private Counter counter(String name, String[] tags) {
    // the varargs array is only read here; the key that is kept holds a copy
    Counter counter = counters.get(new CounterKey(name, Arrays.asList(tags)));
    if (counter == null) {
      counter = registry.counter(name, tags(tags));
      counters.putIfAbsent(new CounterKey(name, Arrays.asList(tags.clone())), counter);
    }
    return counter;
  }

  @Override
  public void record(String name, double value, String... tags) {
    DistributionSummary.builder(name).tags(tags(tags)).register(registry).record(value);
  }

  @Override
  public void gauge(String name, DoubleSupplier value, String... tags) {
    // the supplier variant keeps a strong reference: the mempool's lambda has no other owner
    Gauge.builder(name, value::getAsDouble).tags(tags(tags)).register(registry);
  }

  /** The registry, for binders (JVM metrics) and for tests that read a meter directly. */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** Every meter in the Prometheus text format ({@link #CONTENT_TYPE}). */
  public String scrape() {
    return registry.scrape();
  }

  private Tags tags(String[] keyValues) {
    if (keyValues.length % 2 == 0) {
      return Tags.of(keyValues);
    }
    // A dangling key is a bug in the caller, but one the simulator's InMemoryMetrics ignores too:
    // record the metric without it and count the slip rather than throw out of an engine.
    malformedTags.increment();
    return Tags.of(Arrays.copyOf(keyValues, keyValues.length - 1));
  }
}

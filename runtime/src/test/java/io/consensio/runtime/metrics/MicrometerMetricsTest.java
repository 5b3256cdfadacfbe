package io.consensio.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MicrometerMetricsTest {
  private final MicrometerMetrics metrics = new MicrometerMetrics();

  @Test
  void countersAreExportedPerTagValueWithPrometheusNames() {
    metrics.increment("mempool.submitted", "result", "accepted");
    metrics.increment("mempool.submitted", "result", "accepted");
    metrics.add("mempool.submitted", 5, "result", "bad-signature");

    assertThat(metrics.scrape())
        .contains("mempool_submitted_total{result=\"accepted\"} 2.0")
        .contains("mempool_submitted_total{result=\"bad-signature\"} 5.0");
  }

  /** Counters are remembered by name and tags; a caller reusing its tag array cannot alias them. */
  @Test
  void aRememberedCounterIsFoundByItsTagsNotByTheCallersArray() {
    String[] tags = {"result", "accepted"};
    metrics.increment("mempool.submitted", tags);
    tags[1] = "mempool-full";
    metrics.increment("mempool.submitted", tags);
    metrics.increment("mempool.submitted", "result", "accepted");
    metrics.increment("mempool.evicted");
    metrics.add("mempool.evicted", 2);

    assertThat(metrics.scrape())
        .contains("mempool_submitted_total{result=\"accepted\"} 2.0")
        .contains("mempool_submitted_total{result=\"mempool-full\"} 1.0")
        .contains("mempool_evicted_total 3.0");
  }

  @Test
  void gaugesReadTheirSupplierAtEachScrape() {
    AtomicInteger size = new AtomicInteger(3);
    metrics.gauge("mempool.size", size::get);
    assertThat(metrics.scrape()).contains("mempool_size 3.0");

    size.set(7);
    assertThat(metrics.scrape()).contains("mempool_size 7.0");
  }

  @Test
  void recordedValuesBecomeASummaryWithCountSumAndMax() {
    metrics.record("block.txs", 10, "engine", "instant");
    metrics.record("block.txs", 30, "engine", "instant");

    assertThat(metrics.scrape())
        .contains("block_txs_count{engine=\"instant\"} 2")
        .contains("block_txs_sum{engine=\"instant\"} 40.0")
        .contains("block_txs_max{engine=\"instant\"} 30.0");
  }

  @Test
  void aDanglingTagKeyIsDroppedAndCountedInsteadOfThrown() {
    metrics.increment("node.dropped", "reason", "not-a-member", "peer");

    assertThat(metrics.scrape())
        .contains("node_dropped_total{reason=\"not-a-member\"} 1.0")
        .contains("metrics_tags_malformed_total 1.0");
  }

  @Test
  void aSecondLabelSetForOneNameIsRefusedAndCountedNotThrown() {
    metrics.increment("ledger.block.rejected", "reason", "bad-seal");
    metrics.increment("ledger.block.rejected", "rule", "bad-seal");

    String text = metrics.scrape();
    assertThat(text).contains("ledger_block_rejected_total{reason=\"bad-seal\"} 1.0");
    assertThat(text).doesNotContain("rule=\"bad-seal\"");
    assertThat(text).contains("metrics_registration_failed_total 1.0");
  }
}

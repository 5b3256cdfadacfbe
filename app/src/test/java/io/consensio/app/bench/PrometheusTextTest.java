package io.consensio.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {
  private static final String SCRAPE =
      """
      # HELP transport_sent_messages_total
      # TYPE transport_sent_messages_total counter
      transport_sent_messages_total{channel="consensus"} 12.0
      transport_sent_messages_total{channel="transactions"} 3.0
      xtransport_sent_messages_total{channel="consensus"} 100.0
      pow_mined_total 4.0
      ledger_head_height 7.0
      """;

  @Test
  void sumsEverySeriesOfANameAndFiltersByLabel() {
    PrometheusText metrics = PrometheusText.parse(SCRAPE);

    assertThat(metrics.sum("transport_sent_messages_total")).isEqualTo(15.0);
    assertThat(metrics.sum("transport_sent_messages_total", "channel", "consensus"))
        .isEqualTo(12.0);
    assertThat(metrics.sum("pow_mined_total")).isEqualTo(4.0);
    assertThat(metrics.sum("raft_leader_elected_total")).isZero();
    assertThat(metrics.has("ledger_head_height")).isTrue();
  }
}

package io.consensio.app.bench;

import java.util.HashMap;
import java.util.Map;

/**
 * Sums of the samples in a Prometheus text exposition ({@code /metrics}), by metric name over all
 * label values: {@code transport_sent_messages_total{channel="consensus"} 12} and {@code
 * ...{channel="transactions"} 3} read as 15 under {@code transport_sent_messages_total}. Immutable.
 */
public final class PrometheusText {
  private final Map<String, Double> sums;
  private final Map<String, Double> series;

  private PrometheusText(Map<String, Double> sums, Map<String, Double> series) {
    this.sums = sums;
    this.series = series;
  }

  public static PrometheusText parse(String text) {
    Map<String, Double> sums = new HashMap<>();
    Map<String, Double> series = new HashMap<>();
    for (String line : text.split("\n")) {
      String trimmed = line.trim();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      int brace = trimmed.indexOf('{');
      int space = trimmed.lastIndexOf(' ');
      if (space <= 0) {
        continue;
      }
      String name =
          brace > 0 && brace < space
              ? trimmed.substring(0, brace)
              : trimmed.substring(0, trimmed.indexOf(' '));
      try {
        double value = Double.parseDouble(trimmed.substring(space + 1));
        sums.merge(name, value, Double::sum);
        series.merge(trimmed.substring(0, space), value, Double::sum);
      } catch (NumberFormatException notASample) {
        // a line we do not understand is not a figure we report
      }
    }
    return new PrometheusText(sums, series);
  }

  /** The sum over all series of {@code name}, 0 when absent. */
  public double sum(String name) {
    return sums.getOrDefault(name, 0.0);
  }

  /** The sum over the series of {@code name} whose label {@code label} is {@code value}. */
  public double sum(String name, String label, String value) {
    String needle = label + "=\"" + value + "\"";
    double total = 0;
    for (Map.Entry<String, Double> e : series.entrySet()) {
      String key = e.getKey();
      if (key.startsWith(name + "{")
          && (key.contains("{" + needle) || key.contains("," + needle))) {
        total += e.getValue();
      }
    }
    return total;
  }

  public boolean has(String name) {
    return sums.containsKey(name);
  }
}

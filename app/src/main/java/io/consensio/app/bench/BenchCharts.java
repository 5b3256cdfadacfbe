package io.consensio.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's charts, drawn with XChart from {@code results.json} (so they can be redrawn from a
 * merged report): throughput, messages per transaction and latency CDFs of the devnet runs, and
 * message cost, latency and simulator speed of the simulated study. Returns the PNG names written.
 */
final class BenchCharts {
  static final String THROUGHPUT = "throughput-vs-nodes.png";
  static final String LATENCY_CDF = "latency-cdf.png";
  static final String MESSAGES = "messages-per-tx-vs-nodes.png";
  static final String SIM_MESSAGES = "sim-consensus-messages-per-tx.png";
  static final String SIM_LATENCY = "sim-latency-p50-vs-nodes.png";

  /** One colour per algorithm in every chart, so a reader matches series across charts. */
  private static final Map<String, Color> COLOURS =
      Map.of(
          "raft", new Color(0x1f77b4),
          "pbft", new Color(0xd62728),
          "pow", new Color(0x444444),
          "pos", new Color(0x2ca02c),
          "dpos", new Color(0x9467bd),
          "poa", new Color(0xff7f0e));

  private BenchCharts() {}

  private static void colour(XYSeries series, String algorithm) {
    Color c = COLOURS.get(algorithm);
    if (c != null) {
      series.setLineColor(c);
      series.setMarkerColor(c);
    }
  }

  static List<String> draw(JsonNode report, Path dir) {
    System.setProperty("java.awt.headless", "true");
    List<String> written = new ArrayList<>();
    JsonNode cluster = report.path("cluster").path("results");
    if (cluster.size() > 0) {
      save(
          byNodes(
              "Committed throughput (closed loop)",
              "tx/s",
              cluster,
              r -> r.path("closed").path("throughputTps").asDouble(),
              false),
          dir,
          THROUGHPUT,
          written);
      save(
          byNodes(
              "Peer messages per committed transaction (open loop)",
              "messages / tx",
              cluster,
              r -> r.path("open").path("messagesPerTx").asDouble(),
              false),
          dir,
          MESSAGES,
          written);
      save(latencyCdf(cluster), dir, LATENCY_CDF, written);
    }
    JsonNode simulated = report.path("simulated").path("results");
    if (simulated.size() > 0) {
      save(
          byNodes(
              "Simulated: consensus messages per committed transaction",
              "messages / tx (log)",
              simulated,
              r -> r.path("consensusMessagesPerTx").asDouble(),
              true),
          dir,
          SIM_MESSAGES,
          written);
      save(
          byNodes(
              "Simulated WAN: latency to finality, p50",
              "ms (log)",
              simulated,
              r -> r.path("p50LatencyMs").asDouble(),
              true),
          dir,
          SIM_LATENCY,
          written);
    }
    return written;
  }

  /** One series per algorithm: {@code value} against the cluster size. */
  private static XYChart byNodes(
      String title,
      String yTitle,
      JsonNode results,
      ToDoubleFunction<JsonNode> value,
      boolean logY) {
    XYChart chart =
        new XYChartBuilder()
            .width(800)
            .height(500)
            .title(title)
            .xAxisTitle("nodes")
            .yAxisTitle(yTitle)
            .build();
    style(chart);
    chart.getStyler().setYAxisLogarithmic(logY);
    chart.getStyler().setXAxisLogarithmic(logY);
    Map<String, TreeMap<Integer, Double>> series = new TreeMap<>();
    for (JsonNode r : results) {
      if (r.hasNonNull("error")) {
        continue;
      }
      String algorithm =
          r.has("algorithm") ? r.path("algorithm").asText() : r.path("consensus").asText();
      double v = value.applyAsDouble(r);
      if (logY && !(v > 0)) {
        continue; // a log axis cannot show zero; the table has the figure
      }
      series.computeIfAbsent(algorithm, a -> new TreeMap<>()).put(r.path("nodes").asInt(), v);
    }
    series.forEach(
        (algorithm, points) -> {
          XYSeries s =
              chart.addSeries(
                  algorithm,
                  points.keySet().stream().mapToDouble(Integer::doubleValue).toArray(),
                  points.values().stream().mapToDouble(Double::doubleValue).toArray());
          s.setMarker(SeriesMarkers.CIRCLE);
          colour(s, algorithm);
        });
    return chart;
  }

  /** The open-loop latency CDF of each algorithm at its largest cluster size. */
  private static XYChart latencyCdf(JsonNode results) {
    XYChart chart =
        new XYChartBuilder()
            .width(800)
            .height(500)
            .title("Latency to finality, open loop (largest cluster per algorithm)")
            .xAxisTitle("ms (log)")
            .yAxisTitle("fraction of transactions")
            .build();
    style(chart);
    chart.getStyler().setXAxisLogarithmic(true);
    Map<String, JsonNode> largest = new TreeMap<>();
    for (JsonNode r : results) {
      if (r.hasNonNull("error")) {
        continue;
      }
      JsonNode current = largest.get(r.path("algorithm").asText());
      if (current == null || r.path("nodes").asInt() > current.path("nodes").asInt()) {
        largest.put(r.path("algorithm").asText(), r);
      }
    }
    largest.forEach(
        (algorithm, r) -> {
          JsonNode cdf = r.path("open").path("cdf");
          List<Double> xs = new ArrayList<>();
          List<Double> ys = new ArrayList<>();
          for (JsonNode point : cdf) {
            xs.add(Math.max(1, point.get(0).asDouble()));
            ys.add(point.get(1).asDouble());
          }
          if (!xs.isEmpty()) {
            XYSeries s = chart.addSeries(algorithm + " n=" + r.path("nodes").asInt(), xs, ys);
            s.setMarker(SeriesMarkers.NONE);
            colour(s, algorithm);
          }
        });
    return chart;
  }

  private static void style(XYChart chart) {
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
    chart.getStyler().setPlotGridLinesVisible(true);
  }

  private static void save(XYChart chart, Path dir, String name, List<String> written) {
    if (chart.getSeriesMap().isEmpty()) {
      return;
    }
    try {
      BitmapEncoder.saveBitmap(chart, dir.resolve(name).toString(), BitmapEncoder.BitmapFormat.PNG);
      written.add(name);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dir.resolve(name), e);
    }
  }
}

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
  static final String DPOS_FINALITY = "sim-dpos-irreversibility-vs-slot.png";

  /**
   * The slots a transaction waits in the model the finality chart draws as a reference: the rest of
   * its own slot plus the 14 after it, which with its block's make the 15 delegates (more than two
   * thirds of 21) that must build on a block before it is irreversible.
   */
  static final double MODEL_SLOTS = 15;

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
    JsonNode finality = report.path("dposFinality").path("results");
    if (finality.size() > 0) {
      save(dposFinality(finality), dir, DPOS_FINALITY, written);
    }
    return written;
  }

  /** DPoS p50 and p99 time to irreversibility against the slot length, with the 15-slot model. */
  private static XYChart dposFinality(JsonNode results) {
    XYChart chart =
        new XYChartBuilder()
            .width(800)
            .height(500)
            .title("Simulated WAN, DPoS with 21 delegates: submission to irreversibility")
            .xAxisTitle("slot length (s)")
            .yAxisTitle("latency (s)")
            .build();
    style(chart);
    List<Double> slots = new ArrayList<>();
    List<Double> p50 = new ArrayList<>();
    List<Double> p99 = new ArrayList<>();
    List<Double> model = new ArrayList<>();
    for (JsonNode r : results) {
      double slot = r.path("slotMillis").asDouble() / 1000;
      slots.add(slot);
      p50.add(r.path("p50Ms").asDouble() / 1000);
      p99.add(r.path("p99Ms").asDouble() / 1000);
      model.add(MODEL_SLOTS * slot);
    }
    XYSeries median = chart.addSeries("p50", slots, p50);
    median.setMarker(SeriesMarkers.CIRCLE);
    median.setLineColor(COLOURS.get("dpos"));
    median.setMarkerColor(COLOURS.get("dpos"));
    XYSeries tail = chart.addSeries("p99", slots, p99);
    tail.setMarker(SeriesMarkers.DIAMOND);
    tail.setLineColor(new Color(0xd62728));
    tail.setMarkerColor(new Color(0xd62728));
    XYSeries reference = chart.addSeries("15 slots (model)", slots, model);
    reference.setMarker(SeriesMarkers.NONE);
    reference.setLineColor(Color.GRAY);
    reference.setLineStyle(org.knowm.xchart.style.lines.SeriesLines.DASH_DASH);
    return chart;
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

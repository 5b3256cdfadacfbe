package io.consensio.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code index.html}: the machine, the commands, the tables and the charts of a report. */
final class HtmlReport {
  static final String FILE = "index.html";

  private HtmlReport() {}

  static void write(JsonNode report, List<String> charts, Path dir) {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Consensio benchmark")
        .append("</title>\n<style>body{font-family:sans-serif;margin:2em}table{border-collapse:")
        .append("collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}")
        .append("th{background:#eee}td:first-child{text-align:left}</style></head><body>\n")
        .append("<h1>Consensio benchmark</h1>\n");
    JsonNode m = report.path("machine");
    h.append("<p>Machine: ")
        .append(m.path("cpus").asInt())
        .append(" CPUs, ")
        .append(esc(m.path("cpuModel").asText()))
        .append(", ")
        .append(esc(m.path("jdk").asText()))
        .append(", ")
        .append(esc(m.path("os").asText()))
        .append(", load average ")
        .append(String.format("%.1f", m.path("loadAverage").asDouble()))
        .append(" when written.</p>\n");
    JsonNode cluster = report.path("cluster");
    if (cluster.has("results")) {
      h.append("<h2>Devnet: real node processes on loopback</h2>\n<pre>")
          .append(esc(commands(cluster)))
          .append("</pre>\n<table><tr><th>algorithm</th><th>nodes</th>")
          .append(
              "<th>open submitted/s</th><th>open tx/s</th><th>open p50 ms</th><th>p90</th><th>p99</th><th>max</th>")
          .append("<th>msgs/tx</th><th>consensus msgs/tx</th><th>bytes/tx</th>")
          .append("<th>closed tx/s</th><th>closed p50 ms</th><th>closed p99</th>")
          .append("<th>blocks produced</th><th>stale rate</th><th>view/leader changes</th>")
          .append("<th>finalized chains disagree</th></tr>\n");
      for (JsonNode r : cluster.path("results")) {
        if (r.hasNonNull("error")) {
          h.append("<tr><td>")
              .append(esc(r.path("algorithm").asText()))
              .append("</td><td>")
              .append(r.path("nodes").asInt())
              .append("</td><td colspan=\"16\" style=\"text-align:left\">failed: ")
              .append(esc(r.path("error").asText()))
              .append("</td></tr>\n");
          continue;
        }
        JsonNode open = r.path("open");
        JsonNode closed = r.path("closed");
        h.append("<tr><td>").append(esc(r.path("algorithm").asText())).append("</td>");
        cell(h, r.path("nodes").asInt());
        cell(h, open.path("submitted").asDouble() / open.path("seconds").asDouble(), 1);
        cell(h, open.path("throughputTps").asDouble(), 1);
        cell(h, open.path("p50LatencyMs").asDouble(), 0);
        cell(h, open.path("p90LatencyMs").asDouble(), 0);
        cell(h, open.path("p99LatencyMs").asDouble(), 0);
        cell(h, open.path("maxLatencyMs").asDouble(), 0);
        cell(h, open.path("messagesPerTx").asDouble(), 1);
        cell(h, open.path("consensusMessagesPerTx").asDouble(), 1);
        cell(h, open.path("bytesPerTx").asDouble(), 0);
        cell(h, closed.path("throughputTps").asDouble(), 1);
        cell(h, closed.path("p50LatencyMs").asDouble(), 0);
        cell(h, closed.path("p99LatencyMs").asDouble(), 0);
        optional(
            h,
            r.path("blocksProduced").asLong(),
            String.valueOf(r.path("blocksProduced").asLong()));
        optional(
            h,
            r.path("staleRate").asDouble(),
            String.format("%.1f%%", 100 * r.path("staleRate").asDouble()));
        optional(h, r.path("viewChanges").asLong(), String.valueOf(r.path("viewChanges").asLong()));
        cell(h, r.path("safetyViolations").asInt());
        h.append("</tr>\n");
      }
      h.append("</table>\n<p>Engine settings per algorithm are in <code>results.json</code>")
          .append(" (<code>cluster.results[].settings</code>). Open loop offers ")
          .append(cluster.path("options").path("rate").asDouble())
          .append(" tx/s; closed loop keeps ")
          .append(cluster.path("options").path("window").asInt())
          .append(" transactions outstanding; each phase lasts ")
          .append(cluster.path("options").path("phaseSeconds").asDouble())
          .append(" s. <em>open submitted/s</em> is the rate the clients achieved: below the")
          .append(" offered rate when the nodes answer submissions slower than it. Throughput is")
          .append(" the phase's final transactions per second of the longer of the phase and the")
          .append(" span of their commits. Latency runs from submission to the 50 ms scan of")
          .append(" node-00's final blocks that finds the transaction.</p>\n");
    }
    JsonNode simulated = report.path("simulated");
    if (simulated.has("results")) {
      h.append("<h2>Simulated scale</h2>\n<pre>")
          .append(esc(commands(simulated)))
          .append("</pre>\n<p>Network: ")
          .append(esc(simulated.path("network").asText()))
          .append(".</p>\n<table><tr><th>algorithm</th><th>nodes</th><th>simulated s</th>")
          .append("<th>wall s</th><th>CPU s</th><th>committed</th><th>tx/s</th><th>p50 ms</th>")
          .append("<th>p90</th><th>p99</th><th>max</th><th>msgs/tx</th><th>consensus msgs/tx</th>")
          .append("<th>bytes/tx</th><th>blocks produced</th><th>stale rate</th>")
          .append("<th>view changes</th><th>safe</th></tr>\n");
      for (JsonNode r : simulated.path("results")) {
        h.append("<tr><td>").append(esc(r.path("consensus").asText())).append("</td>");
        cell(h, r.path("nodes").asInt());
        cell(h, r.path("simulatedSeconds").asDouble(), 0);
        cell(h, r.path("wallMillis").asDouble() / 1000, 1);
        cell(h, r.path("cpuMillis").asDouble() / 1000, 1);
        cell(h, r.path("committedTxs").asLong());
        cell(h, r.path("throughputTps").asDouble(), 2);
        cell(h, r.path("p50LatencyMs").asDouble(), 0);
        cell(h, r.path("p90LatencyMs").asDouble(), 0);
        cell(h, r.path("p99LatencyMs").asDouble(), 0);
        cell(h, r.path("maxLatencyMs").asDouble(), 0);
        cell(h, r.path("messagesPerTx").asDouble(), 1);
        cell(h, r.path("consensusMessagesPerTx").asDouble(), 1);
        cell(h, r.path("bytesPerTx").asDouble(), 0);
        optional(
            h,
            r.path("blocksProduced").asLong(),
            String.valueOf(r.path("blocksProduced").asLong()));
        optional(
            h,
            r.path("staleRate").asDouble(),
            String.format("%.1f%%", 100 * r.path("staleRate").asDouble()));
        optional(h, r.path("viewChanges").asLong(), String.valueOf(r.path("viewChanges").asLong()));
        h.append("<td>").append(r.path("safe").asBoolean() ? "yes" : "NO").append("</td></tr>\n");
      }
      h.append("</table>\n");
    }
    JsonNode finality = report.path("dposFinality");
    if (finality.has("results")) {
      h.append("<h2>Simulated DPoS: submission to irreversibility vs slot length</h2>\n<pre>")
          .append(esc(commands(finality)))
          .append("</pre>\n<p>Network: ")
          .append(esc(finality.path("network").asText()))
          .append(". Load: ")
          .append(esc(finality.path("load").asText()))
          .append(".</p>\n<table><tr><th>slot ms</th><th>delegates</th><th>submitted</th>")
          .append("<th>irreversible</th><th>pending</th><th>p50 ms</th><th>p50 slots</th>")
          .append("<th>p90 ms</th><th>p99 ms</th><th>p99 slots</th><th>max ms</th>")
          .append("<th>wall s</th><th>CPU s</th><th>safe</th></tr>\n");
      for (JsonNode r : finality.path("results")) {
        h.append("<tr><td>")
            .append(r.path("slotMillis").asLong())
            .append(r.path("engineDefault").asBoolean() ? " (default)" : "")
            .append("</td>");
        cell(h, r.path("delegates").asInt());
        cell(h, r.path("submitted").asLong());
        cell(h, r.path("finalized").asLong());
        cell(h, r.path("pending").asLong());
        cell(h, r.path("p50Ms").asDouble(), 0);
        cell(h, r.path("p50Slots").asDouble(), 1);
        cell(h, r.path("p90Ms").asDouble(), 0);
        cell(h, r.path("p99Ms").asDouble(), 0);
        cell(h, r.path("p99Slots").asDouble(), 1);
        cell(h, r.path("maxMs").asDouble(), 0);
        cell(h, r.path("wallMillis").asDouble() / 1000, 1);
        cell(h, r.path("cpuMillis").asDouble() / 1000, 1);
        h.append("<td>").append(r.path("safe").asBoolean() ? "yes" : "NO").append("</td></tr>\n");
      }
      h.append("</table>\n<p>Latency runs from a transaction's first submission to the first")
          .append(" 20 ms finality poll that finds its block at or below a node's last")
          .append(" irreversible block. A block is irreversible once 15 of the 21 delegates")
          .append(" (more than two thirds) built on it, so the expected latency is about 15")
          .append(" slots.</p>\n");
    }
    h.append("<h2>Charts</h2>\n");
    for (String chart : charts) {
      h.append("<p><img src=\"")
          .append(chart)
          .append("\" alt=\"")
          .append(chart)
          .append("\"></p>\n");
    }
    h.append("</body></html>\n");
    try {
      Files.writeString(dir.resolve(FILE), h, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dir.resolve(FILE), e);
    }
  }

  /** The commands whose results a section holds, one per line. */
  private static String commands(JsonNode section) {
    List<String> commands = new java.util.ArrayList<>();
    section.path("commands").forEach(c -> commands.add(c.asText()));
    return commands.isEmpty() ? section.path("command").asText() : String.join("\n", commands);
  }

  private static void cell(StringBuilder h, long value) {
    h.append("<td>").append(value).append("</td>");
  }

  private static void cell(StringBuilder h, double value, int decimals) {
    h.append("<td>").append(String.format("%." + decimals + "f", value)).append("</td>");
  }

  /** A figure the algorithm does not have (negative by convention) shows as a dash. */
  private static void optional(StringBuilder h, double value, String text) {
    h.append("<td>").append(value < 0 ? "&ndash;" : text).append("</td>");
  }

  private static String esc(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}

package io.consensio.bench.peers;

import java.util.List;
import java.util.Locale;

/** Renders the comparison as a Markdown table, ratios computed within each group. */
final class ComparisonTable {
  private ComparisonTable() {}

  static String render(List<PeerComparison.Row> rows, double signatureCeiling) {
    StringBuilder out = new StringBuilder();
    out.append(
        "| group | system | operation | ops/s | p50 ms | p99 ms | p50 ms, window 1"
            + " | Consensio (opaque) ops/s ÷ this | replicas caught up |\n");
    out.append("|---|---|---|---:|---:|---:|---:|---:|---|\n");
    for (PeerComparison.Row row : rows) {
      if (row.failed()) {
        out.append(
            String.format(
                Locale.ROOT,
                "| %s | %s | %s | failed | | | | | %s |%n",
                row.group(),
                row.system(),
                row.operation(),
                row.replicasCaughtUp().replace('|', '/')));
        continue;
      }
      double consensio =
          rows.stream()
              .filter(
                  r ->
                      r.group().equals(row.group())
                          && r.isConsensio()
                          && !r.signed()
                          && !r.failed())
              .mapToDouble(r -> r.loaded().opsPerSecond())
              .findFirst()
              .orElse(Double.NaN);
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %,.0f | %.1f | %.1f | %.2f | %.2f | %s |%n",
              row.group(),
              row.system(),
              row.operation(),
              row.loaded().opsPerSecond(),
              row.loaded().p50Micros() / 1000,
              row.loaded().p99Micros() / 1000,
              row.single().p50Micros() / 1000,
              consensio / row.loaded().opsPerSecond(),
              row.replicasCaughtUp()));
    }
    if (signatureCeiling > 0) {
      out.append(
          String.format(
              Locale.ROOT,
              "%nSignature-verification ceiling for 4 replicas: %,.0f tx/s"
                  + " (all cores verifying, divided by 4; mean of before and after the signed"
                  + " runs).%n",
              signatureCeiling));
      rows.stream()
          .filter(r -> r.group().equals("pbft") && r.isConsensio() && r.signed() && !r.failed())
          .forEach(
              r ->
                  out.append(
                      String.format(
                          Locale.ROOT,
                          "%s with signed transactions reached %,.0f tx/s = %.0f%% of it.%n",
                          r.system(),
                          r.loaded().opsPerSecond(),
                          100 * r.loaded().opsPerSecond() / signatureCeiling)));
    }
    return out.toString();
  }
}

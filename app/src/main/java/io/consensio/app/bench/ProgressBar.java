package io.consensio.app.bench;

import java.io.PrintWriter;

/**
 * A one-line progress bar on the terminal (stderr): the overall fraction over every run, which run
 * is going and what it is doing, redrawn in place with a carriage return.
 *
 * <p>Threading: redraws are synchronized, so a scanner thread may report too.
 */
final class ProgressBar {
  private static final int WIDTH = 30;

  private final PrintWriter out;
  private final int runs;
  private final long startNanos = System.nanoTime();
  private int lastLength;

  ProgressBar(PrintWriter out, int runs) {
    this.out = out;
    this.runs = runs;
  }

  /** Run {@code index} (0-based) of {@code label} is {@code fraction} done, now {@code step}. */
  synchronized void update(int index, String label, String step, double fraction) {
    double overall = Math.min(1, (index + Math.max(0, Math.min(1, fraction))) / runs);
    int filled = (int) Math.round(overall * WIDTH);
    long elapsed = (System.nanoTime() - startNanos) / 1_000_000_000;
    String line =
        String.format(
            "[%s%s] %3.0f%% %2d/%d %s: %s  %dm%02ds",
            "#".repeat(filled),
            "-".repeat(WIDTH - filled),
            overall * 100,
            index + 1,
            runs,
            label,
            step,
            elapsed / 60,
            elapsed % 60);
    int pad = Math.max(0, lastLength - line.length());
    out.print("\r" + line + " ".repeat(pad));
    out.flush();
    lastLength = line.length();
  }

  /** Ends the bar's line. */
  synchronized void finish() {
    out.println();
    out.flush();
  }
}

package io.consensio.bench.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Signed-transaction throughput of each engine against the signature-verification ceiling measured
 * in the same run: for every engine, the ceiling (what all cores verify per second, divided by the
 * nodes, each of which verifies every transaction), then an in-process cluster under a closed loop
 * of signed key/value writes, then the ceiling again; the ratio is the cluster's committed tx/s
 * over the mean of the two ceilings (on a shared machine what the cores can do changes minute by
 * minute).
 *
 * <p>The window must exceed throughput × latency to finality, or a slot-based engine measures its
 * latency rather than its CPU cost; the default (10,000) does for every engine here.
 *
 * <p>Each cluster is warmed up for {@code --warm-up} seconds (30 by default) before it is measured:
 * until the JIT has compiled the hot paths, the compiler threads take a fifth of the CPU.
 *
 * <p>{@code java -cp benchmarks.jar io.consensio.bench.cluster.SignedThroughputRun [--consensus
 * pbft,pos,...] [--nodes 4] [--seconds 20] [--window 10000] [--payload 256] [--warm-up 30]}
 */
public final class SignedThroughputRun {
  private static final int CLIENTS = 64;
  private static final long CEILING_MILLIS = 3_000;

  private SignedThroughputRun() {}

  /** One engine's figures. */
  record Row(String consensus, int nodes, double ceiling, LoadResult measured) {
    double ratio() {
      return measured.opsPerSecond() / ceiling;
    }
  }

  public static void main(String[] args) throws Exception {
    List<String> engines = List.of("raft", "pbft", "poa", "pos", "dpos");
    int nodes = 4;
    int seconds = 20;
    int window = 10_000;
    int payload = 256;
    int warmUpSeconds = 30;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--consensus" -> engines = List.of(args[i + 1].split(","));
        case "--nodes" -> nodes = Integer.parseInt(args[i + 1]);
        case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
        case "--window" -> window = Integer.parseInt(args[i + 1]);
        case "--payload" -> payload = Integer.parseInt(args[i + 1]);
        case "--warm-up" -> warmUpSeconds = Integer.parseInt(args[i + 1]);
        default ->
            throw new IllegalArgumentException(
                "unknown option "
                    + args[i]
                    + "; options: --consensus a,b --nodes N --seconds S --window W --payload B"
                    + " --warm-up S");
      }
    }
    int cores = Runtime.getRuntime().availableProcessors();
    List<Row> rows = new ArrayList<>();
    // once untimed: the first ceiling of a fresh JVM otherwise runs partly interpreted and reads
    // low
    ceiling(cores, payload, nodes);
    for (String consensus : engines) {
      double before = ceiling(cores, payload, nodes);
      LoadResult measured = measure(consensus, nodes, warmUpSeconds, seconds, window, payload);
      double after = ceiling(cores, payload, nodes);
      System.out.printf(
          Locale.ROOT,
          "%s: %s; ceiling %,.0f tx/s before, %,.0f after%n",
          consensus,
          measured,
          before,
          after);
      rows.add(new Row(consensus, nodes, (before + after) / 2, measured));
    }
    System.out.println();
    System.out.println(
        "| consensus | nodes | signed tx/s | verification ceiling tx/s | ratio | p50 ms | p99 ms |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|");
    for (Row row : rows) {
      System.out.printf(
          Locale.ROOT,
          "| %s | %d | %,.0f | %,.0f | %.0f%% | %.0f | %.0f |%n",
          row.consensus(),
          row.nodes(),
          row.measured().opsPerSecond(),
          row.ceiling(),
          100 * row.ratio(),
          row.measured().p50Micros() / 1000,
          row.measured().p99Micros() / 1000);
    }
    System.out.printf(
        Locale.ROOT, "(%d cores; ceiling = verifications/s on all cores / nodes)%n", cores);
  }

  private static double ceiling(int cores, int payload, int nodes) throws InterruptedException {
    return VerificationCeiling.verificationsPerSecond(cores, payload, CEILING_MILLIS) / nodes;
  }

  /**
   * The steady-state run of {@link SteadyStateRun}: warm-up, then about {@code seconds} measured.
   */
  private static LoadResult measure(
      String consensus, int nodes, int warmUpSeconds, int seconds, int window, int payload)
      throws Exception {
    try (InProcessCluster cluster = InProcessCluster.start(consensus, nodes, CLIENTS, 42, true);
        ConsensioTarget target = new ConsensioTarget(cluster.entryNode(60_000))) {
      TransactionFactory transactions =
          new TransactionFactory(cluster.clientKeys(), payload, true, 7);
      ClosedLoopDriver driver = new ClosedLoopDriver(window);
      int operations =
          SteadyStateRun.warmUpAndLoad(target, transactions, driver, warmUpSeconds, seconds);
      LoadResult measured = driver.run(target, operations, SteadyStateRun.TIMEOUT_SECONDS);
      if (measured.failed() > 0) {
        throw new IllegalStateException(consensus + ": transactions were refused: " + measured);
      }
      return measured;
    }
  }
}

package io.consensio.bench.peers;

import io.consensio.bench.cluster.ClosedLoopDriver;
import io.consensio.bench.cluster.LoadResult;
import io.consensio.bench.cluster.VerificationCeiling;
import io.consensio.bench.peers.bftsmart.BftSmartCluster;
import io.consensio.bench.peers.jraft.SofaJraftCluster;
import io.consensio.bench.peers.ratis.RatisCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Consensio side by side with peer libraries, in one JVM on loopback, one system at a time:
 *
 * <ul>
 *   <li>Raft, 3 nodes: Consensio Raft vs SOFAJRaft vs Apache Ratis, fsync on everywhere;
 *   <li>BFT, 4 replicas: Consensio PBFT with signed PRE-PREPAREs and with MAC-authenticated ones
 *       ({@code consensus.pbft.authentication: signatures | macs}) vs BFT-SMaRt; plus the
 *       signature-verification ceiling (what the machine's cores verify per second, divided by the
 *       replicas that verify each transaction) and the fraction of it Consensio PBFT reaches with
 *       signed transactions.
 * </ul>
 *
 * Every system gets the same closed-loop window and entry size and is submitted to at its leader
 * in-process (Consensio: mempool admission at the leader; SOFAJRaft: {@code Node.apply}; Ratis:
 * {@code submitClientRequestAsync}); BFT-SMaRt's protocol needs its client proxy, which sends each
 * request to every replica over loopback. Each system runs a warm-up, a measured run at the window
 * and a latency run at window 1; the table has the measured runs.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.consensio.bench.peers.PeerComparison [--ops N]
 * [--window W] [--payload BYTES] [--latency-ops N] [--only raft|pbft] [--pbft-authentication
 * signatures,macs]} (the PBFT variants, in the order they run: the first one also warms up the JIT)
 */
public final class PeerComparison {
  private PeerComparison() {}

  /** One row of the table; {@code loaded} and {@code single} are null when the run failed. */
  record Row(
      String group,
      String system,
      String operation,
      LoadResult loaded,
      LoadResult single,
      String replicasCaughtUp) {
    boolean failed() {
      return loaded == null;
    }

    boolean isConsensio() {
      return system.startsWith("Consensio");
    }

    boolean signed() {
      return operation.startsWith("signed");
    }
  }

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    Path dir = Files.createTempDirectory("consensio-peers-");
    List<Row> rows = new ArrayList<>();
    System.out.printf(
        Locale.ROOT,
        "peer comparison: %d operations per run, window %d, %d B entries, %d cores%n",
        options.ops,
        options.window,
        options.payload,
        Runtime.getRuntime().availableProcessors());
    if (options.runs("raft")) {
      rows.add(measure("raft", new ConsensioContender("raft", 3, options.payload, false), options));
      rows.add(measure("raft", new ConsensioContender("raft", 3, options.payload, true), options));
      rows.add(
          measure(
              "raft",
              new LibraryContender(
                  new SofaJraftCluster(3, dir.resolve("jraft"), 64), options.payload),
              options));
      rows.add(
          measure(
              "raft",
              new LibraryContender(new RatisCluster(3, dir.resolve("ratis")), options.payload),
              options));
    }
    double ceiling = 0;
    if (options.runs("pbft")) {
      // PRE-PREPAREs signed, then with MAC authenticators (consensus.pbft.authentication).
      for (String auth : options.pbftAuthentication) {
        rows.add(measure("pbft", pbft(options, false, auth), options));
      }
      // The ceiling is measured just before and just after the signed runs and averaged: on a
      // machine shared with other work, what the cores can verify changes from minute to minute.
      double before = verificationCeiling(options);
      for (String auth : options.pbftAuthentication) {
        rows.add(measure("pbft", pbft(options, true, auth), options));
      }
      double after = verificationCeiling(options);
      System.out.printf(
          Locale.ROOT,
          "signature-verification ceiling for 4 replicas: %,.0f tx/s before, %,.0f tx/s after the"
              + " signed runs%n",
          before,
          after);
      ceiling = (before + after) / 2;
      rows.add(
          measure(
              "pbft",
              new LibraryContender(new BftSmartCluster(4, 2_000), options.payload),
              options));
    }
    System.out.println();
    System.out.print(ComparisonTable.render(rows, ceiling));
    // BFT-SMaRt leaves non-daemon threads behind (reconnect loops) after its replicas are killed
    System.exit(0);
  }

  private static Contender pbft(Options options, boolean signed, String authentication) {
    return new ConsensioContender(
        "pbft", 4, options.payload, signed, java.util.Optional.of(authentication));
  }

  /** Transactions per second 4 replicas could verify if every core did nothing else. */
  private static double verificationCeiling(Options options) throws InterruptedException {
    int cores = Runtime.getRuntime().availableProcessors();
    return VerificationCeiling.verificationsPerSecond(cores, options.payload, 3_000) / 4;
  }

  /**
   * Runs one contender; a failure (a library that does not start here, a run that stalls) is
   * printed with its cause and becomes a row saying so, and the comparison goes on.
   */
  private static Row measure(String group, Contender contender, Options options) {
    System.out.println("== " + contender.name() + " (" + contender.operation() + ")");
    try {
      return run(group, contender, options);
    } catch (Exception e) {
      e.printStackTrace(System.out);
      String cause = e.getClass().getSimpleName() + ": " + e.getMessage();
      return new Row(group, contender.name(), contender.operation(), null, null, cause);
    }
  }

  private static Row run(String group, Contender contender, Options options) throws Exception {
    try (contender) {
      contender.start();
      ClosedLoopDriver loaded = new ClosedLoopDriver(options.window);
      ClosedLoopDriver single = new ClosedLoopDriver(1);
      long submitted = 0;
      LoadResult warmUp = loaded.run(contender.prepare(options.ops), options.ops, 300);
      submitted += options.ops;
      System.out.println("   warm-up:  " + warmUp + " " + contender.state());
      // a run long enough to mean something for fast and slow systems alike
      int measuredOps =
          (int)
              Math.min(
                  options.maxOps, Math.max(options.ops, warmUp.opsPerSecond() * options.seconds));
      LoadResult measured = loaded.run(contender.prepare(measuredOps), measuredOps, 600);
      submitted += measuredOps;
      System.out.println("   measured: " + measured + " " + contender.state());
      LoadResult latency =
          single.run(contender.prepare(options.latencyOps), options.latencyOps, 300);
      submitted += options.latencyOps;
      System.out.println("   window 1: " + latency + " " + contender.state());
      String caughtUp = contender.replicasCaughtUp(submitted, 30_000);
      System.out.println("   replicas that applied everything: " + caughtUp);
      return new Row(group, contender.name(), contender.operation(), measured, latency, caughtUp);
    }
  }

  /** Command-line options. */
  record Options(
      int ops,
      int maxOps,
      int seconds,
      int window,
      int payload,
      int latencyOps,
      String only,
      List<String> pbftAuthentication) {
    static Options parse(String[] args) {
      int ops = 5_000;
      int maxOps = 300_000;
      int seconds = 10;
      int window = 1_000;
      int payload = 256;
      int latencyOps = 300;
      String only = "all";
      List<String> pbftAuthentication = List.of("signatures", "macs");
      for (int i = 0; i < args.length; i++) {
        String value = i + 1 < args.length ? args[i + 1] : "";
        switch (args[i]) {
          case "--ops" -> ops = Integer.parseInt(value);
          case "--max-ops" -> maxOps = Integer.parseInt(value);
          case "--seconds" -> seconds = Integer.parseInt(value);
          case "--window" -> window = Integer.parseInt(value);
          case "--payload" -> payload = Integer.parseInt(value);
          case "--latency-ops" -> latencyOps = Integer.parseInt(value);
          case "--only" -> only = value;
          case "--pbft-authentication" -> pbftAuthentication = List.of(value.split(","));
          default ->
              throw new IllegalArgumentException(
                  "unknown option "
                      + args[i]
                      + "; options: --ops N --max-ops N --seconds S --window W --payload BYTES"
                      + " --latency-ops N"
                      + " --only raft|pbft --pbft-authentication signatures,macs");
        }
        i++;
      }
      return new Options(
          ops, maxOps, seconds, window, payload, latencyOps, only, pbftAuthentication);
    }

    boolean runs(String group) {
      return only.equals("all") || only.equals(group);
    }
  }
}

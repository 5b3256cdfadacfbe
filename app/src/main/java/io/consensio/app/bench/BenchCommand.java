package io.consensio.app.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.consensio.app.DurationConverter;
import io.consensio.runtime.node.ConsensusRegistry;
import io.consensio.sim.scale.ScaleResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code consensio bench}: every algorithm at every cluster size on a devnet of real node processes
 * under open- and closed-loop load, or ({@code --simulated}) the simulated-scale study; writes
 * {@code results.json}, PNG charts and {@code index.html} into {@code --out}.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Benchmarks every algorithm on the same ledger. For each algorithm and node",
      "count a fresh devnet of node processes runs an open loop at --rate tx/s,",
      "then a closed loop with --window transactions outstanding. --simulated runs",
      "the simulator's suites instead (--suites): the scale study (PoW 1000 nodes",
      "for a simulated hour, PBFT/DPoS 4..100, Raft 3..51, five-region WAN) and",
      "DPoS time to irreversibility vs slot length (21 delegates); --all runs both",
      "parts. Results go to --out as results.json, PNG charts and index.html; a",
      "part not run is kept."
    })
public final class BenchCommand implements Callable<Integer> {
  /** The simulated suites, in the order they run. */
  static final String SCALE_SUITE = "scale";

  static final String DPOS_FINALITY_SUITE = "dpos-finality";
  static final List<String> SIMULATED_SUITES = List.of(SCALE_SUITE, DPOS_FINALITY_SUITE);

  @Spec CommandSpec spec;

  @Option(
      names = "--algorithms",
      split = ",",
      description = "algorithms to run (default: raft,pbft,pow,pos,dpos,poa)")
  List<String> algorithms;

  @Option(names = "--nodes", split = ",", description = "cluster sizes (default 3,4,7; --quick: 4)")
  List<Integer> nodes;

  @Option(
      names = "--duration",
      converter = DurationConverter.class,
      description = "length of each load phase (default 20s; --quick: 5s)")
  Long durationMillis;

  @Option(names = "--rate", description = "open-loop rate in tx/s (default 200; --quick: 100)")
  Double rate;

  @Option(
      names = "--window",
      description = "closed-loop outstanding transactions (default 64; --quick: 32)")
  Integer window;

  @Option(
      names = "--out",
      defaultValue = "bench-report",
      description = "report directory (default ${DEFAULT-VALUE})")
  Path out;

  @Option(
      names = "--quick",
      description =
          "a preset of a few minutes: 4 nodes, 5 s phases (with --simulated: small sizes,"
              + " PoW 100 nodes x 10 min and 1000 x 5 min)")
  boolean quick;

  @Option(names = "--simulated", description = "run the simulated suites (--suites) instead")
  boolean simulated;

  @Option(
      names = "--suites",
      split = ",",
      description =
          "simulated suites to run with --simulated or --all: scale (the scale study),"
              + " dpos-finality (DPoS submission to irreversibility vs slot length, 21"
              + " delegates, about 10 s of CPU) (default: both)")
  List<String> suites;

  @Option(
      names = "--all",
      description = "run the devnet runs and then the simulated study: the whole report at once")
  boolean all;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    ObjectNode report = BenchReport.load(out);
    String command =
        "consensio " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    if (simulated && all) {
      throw new IllegalArgumentException("--simulated and --all exclude each other");
    }
    List<String> chosenSuites = suites != null ? suites : SIMULATED_SUITES;
    for (String suite : chosenSuites) {
      if (!SIMULATED_SUITES.contains(suite)) {
        throw new IllegalArgumentException(
            "unknown suite '" + suite + "'; known: " + String.join(",", SIMULATED_SUITES));
      }
    }
    int exit = 0;
    if (!simulated) {
      exit = runCluster(report, command, err);
      publish(report); // the devnet figures are safe on disk before a long simulated study
    }
    if (simulated || all) {
      if (chosenSuites.contains(SCALE_SUITE)) {
        exit = Math.max(exit, runSimulated(report, command, err));
        publish(report);
      }
      if (chosenSuites.contains(DPOS_FINALITY_SUITE)
          && (algorithms == null || algorithms.contains("dpos"))) {
        exit = Math.max(exit, runDposFinality(report, command, err));
        publish(report);
      }
    }
    spec.commandLine()
        .getOut()
        .println(
            "report: " + out.resolve(HtmlReport.FILE) + " and " + out.resolve(BenchReport.FILE));
    return exit;
  }

  /** Writes results.json, the charts and index.html for what {@code report} holds now. */
  private void publish(ObjectNode report) {
    BenchReport.putMachine(report);
    BenchReport.write(out, report);
    List<String> charts = BenchCharts.draw(report, out);
    HtmlReport.write(report, charts, out);
  }

  private int runCluster(ObjectNode report, String command, PrintWriter err)
      throws InterruptedException {
    List<String> algos = algorithms != null ? algorithms : BenchSettings.ALGORITHMS;
    List<Integer> sizes = nodes != null ? nodes : quick ? List.of(4) : List.of(3, 4, 7);
    long phase = durationMillis != null ? durationMillis : quick ? 5_000 : 20_000;
    double offered = rate != null ? rate : quick ? 100 : 200;
    int outstanding = window != null ? window : quick ? 32 : 64;
    ConsensusRegistry registry = ConsensusRegistry.loadDefault();
    for (String algorithm : algos) {
      registry.find(algorithm);
    }
    for (int n : sizes) {
      if (n < 1) {
        throw new IllegalArgumentException("--nodes must be positive, got " + n);
      }
    }
    ObjectNode options = JsonNodeFactory.instance.objectNode();
    options.putPOJO("algorithms", algos);
    options.putPOJO("nodes", sizes);
    options.put("phaseSeconds", phase / 1000.0);
    options.put("rate", offered);
    options.put("window", outstanding);
    Path networks = out.resolve("networks");
    deleteRecursively(networks);
    List<ClusterResult> results = new ArrayList<>();
    ProgressBar bar = new ProgressBar(err, algos.size() * sizes.size());
    int index = 0;
    int unsafe = 0;
    int failed = 0;
    for (String algorithm : algos) {
      for (int n : sizes) {
        int run = index++;
        String label = algorithm + " n=" + n;
        ClusterBench bench =
            new ClusterBench(
                algorithm,
                n,
                phase,
                offered,
                outstanding,
                networks.resolve(algorithm + "-" + n),
                (step, fraction) -> bar.update(run, label, step, fraction));
        ClusterResult result;
        try {
          result = bench.run();
        } catch (RuntimeException e) {
          // one algorithm failing to start must not cost the figures of the others
          result =
              ClusterResult.failed(
                  algorithm, n, BenchSettings.forAlgorithm(algorithm), e.getMessage());
          failed++;
        }
        results.add(result);
        if (result.safetyViolations() > 0) {
          unsafe++;
        }
      }
    }
    bar.finish();
    BenchReport.putCluster(report, command, options, results);
    for (ClusterResult r : results) {
      if (r.error() != null) {
        err.printf("%-5s n=%-2d FAILED: %s%n", r.algorithm(), r.nodes(), r.error());
        continue;
      }
      err.printf(
          "%-5s n=%-2d open %7.1f tx/s p50 %5.0f ms p99 %5.0f ms %6.1f msgs/tx | closed %7.1f tx/s"
              + " p50 %5.0f ms%n",
          r.algorithm(),
          r.nodes(),
          r.open().throughputTps(),
          r.open().p50LatencyMs(),
          r.open().p99LatencyMs(),
          r.open().messagesPerTx(),
          r.closed().throughputTps(),
          r.closed().p50LatencyMs());
    }
    return unsafe == 0 && failed == 0 ? 0 : 1;
  }

  private int runSimulated(ObjectNode report, String command, PrintWriter err) {
    List<ScaleSuite.Point> points = quick ? ScaleSuite.quick() : ScaleSuite.full();
    if (algorithms != null) {
      points = points.stream().filter(p -> algorithms.contains(p.consensus())).toList();
    }
    ProgressBar bar = new ProgressBar(err, points.size());
    List<ScaleResult> results =
        ScaleSuite.run(
            points,
            (i, p) ->
                bar.update(
                    i,
                    p.consensus() + " n=" + p.nodes(),
                    "simulating " + (p.loadMillis() + p.settleMillis()) / 1000 + " s",
                    0));
    bar.finish();
    BenchReport.putSimulated(report, command, results);
    boolean safe = true;
    for (ScaleResult r : results) {
      safe &= r.safe();
      err.printf(
          "%-5s n=%-4d %6.0f sim s in %5.1f s wall (%5.1f s CPU): %5d committed, p50 %6.0f ms,"
              + " %9.1f msgs/tx (%8.1f consensus)%n",
          r.consensus(),
          r.nodes(),
          r.simulatedSeconds(),
          r.wallMillis() / 1000.0,
          r.cpuMillis() / 1000.0,
          r.committedTxs(),
          r.p50LatencyMs(),
          r.messagesPerTx(),
          r.consensusMessagesPerTx());
    }
    return safe ? 0 : 1;
  }

  private int runDposFinality(ObjectNode report, String command, PrintWriter err) {
    ProgressBar bar = new ProgressBar(err, DposFinalitySuite.SLOT_MILLIS.size());
    List<FinalityResult> results =
        DposFinalitySuite.run(
            (i, slot) ->
                bar.update(
                    i,
                    "dpos " + DposFinalitySuite.DELEGATES + " delegates, slot " + slot + " ms",
                    "simulating",
                    0));
    bar.finish();
    BenchReport.putDposFinality(report, command, results);
    boolean sound = true;
    for (FinalityResult r : results) {
      sound &= r.safe() && r.pending() == 0;
      err.printf(
          "dpos slot %4d ms%s: %5d of %5d irreversible, p50 %6.0f ms (%4.1f slots), p99 %6.0f ms"
              + " (%4.1f slots); %4.1f s wall (%4.1f s CPU)%s%n",
          r.slotMillis(),
          r.engineDefault() ? " (default)" : "",
          r.finalized(),
          r.submitted(),
          r.p50Ms(),
          r.p50Slots(),
          r.p99Ms(),
          r.p99Slots(),
          r.wallMillis() / 1000.0,
          r.cpuMillis() / 1000.0,
          r.safe() ? "" : " UNSAFE");
    }
    return sound ? 0 : 1;
  }

  /** Removes the previous run's node directories (keys, RocksDB, logs) so each run is fresh. */
  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clear " + dir, e);
    }
  }
}

package io.consensio.app.reliability;

import io.consensio.app.LocalNetwork;
import io.consensio.app.NodeProcess;
import io.consensio.app.bench.ClientLoad;
import io.consensio.app.bench.LoadLanes;
import io.consensio.runtime.client.NodeClient;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/**
 * Soak: a devnet of real node processes, first driven by a closed loop of eight client lanes for 40
 * s to measure the maximum final throughput, then held at 70% of it by open-loop lanes for the set
 * duration while every 5 s the run samples each node's heap (jstat), open file handles ({@code
 * /proc/<pid>/fd}) and the window's p99 finality latency. Writes {@code soak.csv} and {@code
 * soak.png} (three panels) and prints whether heap, handles and p99 stayed flat: the median of the
 * last quarter of samples against the first.
 *
 * <p>{@code java -cp consensio.jar io.consensio.app.reliability.SoakRun ENGINE NODES SECONDS
 * OUTDIR}
 */
public final class SoakRun {
  private static final long SAMPLE_MILLIS = 5_000;
  private static final long RAMP_MILLIS = 40_000;

  /** Outstanding transactions while the maximum is measured; deep enough to fill every block. */
  private static final int RAMP_WINDOW = 1_000;

  /** Client threads submitting at once, so HTTP round trips overlap (as in the benchmark). */
  private static final int LANES = 8;

  /** Funded client accounts, spread over the lanes, so no sender's nonce queue is the limit. */
  private static final int CLIENTS = 64;

  private SoakRun() {}

  /** A full collection is asked of every node once per this many samples (a minute). */
  private static final int LIVE_EVERY_SAMPLES = 12;

  /** The live heap of every node right after a full collection, at one time of the run. */
  record LiveHeap(double atSeconds, double[] mib) {}

  /** One sample of the run. */
  record Sample(
      double atSeconds,
      double[] heapMib,
      double[] oldGenMib,
      int[] fds,
      double p99Millis,
      double tps) {}

  public static void main(String[] args) throws Exception {
    System.setProperty("java.awt.headless", "true"); // the chart is drawn off screen
    String engine = args.length > 0 ? args[0] : "raft";
    int nodes = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    long seconds = args.length > 2 ? Long.parseLong(args[2]) : 1_800;
    Path out = args.length > 3 ? Path.of(args[3]) : Path.of("soak-" + engine);
    System.exit(run(engine, nodes, seconds, out, System.out) ? 0 : 1);
  }

  /** Runs the soak; true when heap, handles and p99 stayed within the drift bounds. */
  public static boolean run(String engine, int nodes, long seconds, Path out, PrintStream log)
      throws IOException, InterruptedException {
    Files.createDirectories(out);
    LocalNetwork network =
        LocalNetwork.generate(out.resolve("net"), engine, nodes, CLIENTS, "127.0.0.1");
    List<NodeProcess> processes = new ArrayList<>();
    List<Path> files = network.nodeConfigs();
    var configs = network.loadConfigs();
    try {
      for (int i = 0; i < nodes; i++) {
        processes.add(new NodeProcess(configs.get(i), files.get(i)));
        processes.get(i).start();
      }
      for (NodeProcess process : processes) {
        process.awaitReady(120_000);
      }
      List<NodeClient> clients = processes.stream().map(NodeProcess::client).toList();
      NodeClient observer = clients.get(0);
      ClientLoad load =
          new ClientLoad(
              network.clientKeys(), LANES, observer, observer.status().finalizedHeight());
      Thread scanner = scanner(load, observer);
      scanner.start();

      double maxTps = measureMaximum(load, clients);
      double rate = 0.7 * maxTps;
      log.printf(
          "%s: measured max %.0f tx/s final (closed loop, window %d, %d client lanes); "
              + "soaking at %.0f tx/s for %d s%n",
          engine, maxTps, RAMP_WINDOW, LANES, rate, seconds);

      List<Sample> samples = new ArrayList<>();
      List<LiveHeap> live = new ArrayList<>();
      long start = System.currentTimeMillis();
      LoadLanes lanes = LoadLanes.open(load, clients, rate, start + seconds * 1_000);
      long nextSample = start + SAMPLE_MILLIS;
      int windowFrom = load.latencyCount();
      long committedAtWindow = load.committed();
      while (!lanes.awaitEnd(Math.max(1, nextSample - System.currentTimeMillis()))) {
        long now = System.currentTimeMillis();
        if (now < nextSample) {
          continue;
        }
        double[] heap = new double[nodes];
        double[] old = new double[nodes];
        int[] fds = new int[nodes];
        for (int i = 0; i < nodes; i++) {
          double[] h = ProcessProbe.heapMib(processes.get(i).pid());
          heap[i] = h[0];
          old[i] = h[1];
          fds[i] = ProcessProbe.openFileHandles(processes.get(i).pid());
        }
        double p99 = percentile(load.latenciesMillisSince(windowFrom), 99);
        double tps = (load.committed() - committedAtWindow) * 1000.0 / SAMPLE_MILLIS;
        windowFrom = load.latencyCount();
        committedAtWindow = load.committed();
        Sample sample = new Sample((now - start) / 1000.0, heap, old, fds, p99, tps);
        samples.add(sample);
        log.printf(
            "t=%5.0fs heap %s MiB, old gen %s MiB, fds %s, p99 %.0f ms, %.0f tx/s final%n",
            sample.atSeconds(),
            format(heap),
            format(old),
            java.util.Arrays.toString(fds),
            p99,
            tps);
        if (samples.size() % LIVE_EVERY_SAMPLES == 1) {
          double[] mib = new double[nodes];
          for (int i = 0; i < nodes; i++) {
            mib[i] = ProcessProbe.liveHeapMib(processes.get(i).pid());
          }
          live.add(new LiveHeap(sample.atSeconds(), mib));
          log.printf(
              "t=%5.0fs live heap after a full GC %s MiB%n", sample.atSeconds(), format(mib));
        }
        nextSample += SAMPLE_MILLIS;
      }
      lanes.join();
      scanner.interrupt();
      writeCsv(samples, live, out);
      writeChart(engine, rate, samples, live, out.resolve("soak.png"));
      return judge(samples, live, log);
    } finally {
      for (NodeProcess process : processes) {
        process.stop();
      }
    }
  }

  /**
   * Final transactions per second under a closed loop of {@link #RAMP_WINDOW} outstanding
   * transactions, counted over the last three quarters of {@link #RAMP_MILLIS} (the first quarter
   * fills the pipeline), then a drain so the soak starts from an empty backlog.
   */
  private static double measureMaximum(ClientLoad load, List<NodeClient> clients)
      throws InterruptedException {
    long start = System.currentTimeMillis();
    LoadLanes ramp = LoadLanes.closed(load, clients, RAMP_WINDOW, start + RAMP_MILLIS);
    ramp.awaitEnd(RAMP_MILLIS / 4);
    long committedAfterFill = load.committed();
    long measuredFrom = System.currentTimeMillis();
    ramp.join();
    double maxTps =
        (load.committed() - committedAfterFill)
            * 1000.0
            / (System.currentTimeMillis() - measuredFrom);
    long drainEnd = System.currentTimeMillis() + 30_000;
    while (load.pendingCount() > 0 && System.currentTimeMillis() < drainEnd) {
      Thread.sleep(100);
    }
    return maxTps;
  }

  private static double percentile(List<Long> values, double p) {
    if (values.isEmpty()) {
      return 0;
    }
    List<Long> sorted = new ArrayList<>(values);
    java.util.Collections.sort(sorted);
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  private static Thread scanner(ClientLoad load, NodeClient observer) {
    Thread thread =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                try {
                  load.scan(observer);
                  Thread.sleep(100);
                } catch (InterruptedException e) {
                  return;
                } catch (RuntimeException transientError) {
                  // the observer is busy; try again at the next poll
                }
              }
            },
            "soak-scanner");
    thread.setDaemon(true);
    return thread;
  }

  /**
   * Flat means, comparing the last quarter with the first (busiest node): the median live heap
   * after a full collection at most 1.5x (+16 MiB), the median open handles at most +10%, and the
   * median window p99 at most 2x. The first sample is left out (start-up). The live heap, not the
   * old-generation occupancy, is judged: G1 leaves garbage in the old generation until the heap is
   * nearly half full, so occupancy grows for a long time in a process that leaks nothing.
   */
  static boolean judge(List<Sample> samples, List<LiveHeap> live, PrintStream log) {
    if (samples.size() < 9 || live.size() < 4) {
      log.printf(
          "too few samples to judge drift (need 9 and 4 live-heap readings, got %d and %d)%n",
          samples.size(), live.size());
      return false;
    }
    List<Sample> body = samples.subList(1, samples.size());
    int q = body.size() / 4;
    List<Sample> first = body.subList(0, q);
    List<Sample> last = body.subList(body.size() - q, body.size());
    int lq = live.size() / 4;
    double liveFirst =
        median(live.subList(0, lq).stream().mapToDouble(h -> max(h.mib())).toArray());
    double liveLast =
        median(
            live.subList(live.size() - lq, live.size()).stream()
                .mapToDouble(h -> max(h.mib()))
                .toArray());
    double fdFirst = median(first.stream().mapToDouble(s -> maxInt(s.fds())).toArray());
    double fdLast = median(last.stream().mapToDouble(s -> maxInt(s.fds())).toArray());
    double p99First = median(first.stream().mapToDouble(Sample::p99Millis).toArray());
    double p99Last = median(last.stream().mapToDouble(Sample::p99Millis).toArray());
    boolean heapFlat = liveLast <= liveFirst * 1.5 + 16;
    boolean fdsFlat = fdLast <= fdFirst * 1.1;
    boolean p99Flat = p99Last <= p99First * 2;
    log.printf(
        "drift (median of first vs last quarter, busiest node): live heap %.0f -> %.0f MiB %s; "
            + "open handles %.0f -> %.0f %s; p99 %.0f -> %.0f ms %s%n",
        liveFirst,
        liveLast,
        heapFlat ? "flat" : "GROWING",
        fdFirst,
        fdLast,
        fdsFlat ? "flat" : "GROWING",
        p99First,
        p99Last,
        p99Flat ? "flat" : "DRIFTING");
    return heapFlat && fdsFlat && p99Flat;
  }

  private static void writeCsv(List<Sample> samples, List<LiveHeap> live, Path dir)
      throws IOException {
    StringBuilder liveCsv = new StringBuilder("seconds,max_live_heap_mib\n");
    for (LiveHeap h : live) {
      liveCsv.append(String.format("%.0f,%.1f%n", h.atSeconds(), max(h.mib())));
    }
    Files.writeString(dir.resolve("soak-live-heap.csv"), liveCsv);
    Path file = dir.resolve("soak.csv");
    StringBuilder csv =
        new StringBuilder("seconds,max_heap_mib,max_old_gen_mib,max_open_fds,p99_ms,final_tps\n");
    for (Sample s : samples) {
      csv.append(
          String.format(
              "%.0f,%.1f,%.1f,%d,%.0f,%.1f%n",
              s.atSeconds(),
              max(s.heapMib()),
              max(s.oldGenMib()),
              maxInt(s.fds()),
              s.p99Millis(),
              s.tps()));
    }
    Files.writeString(file, csv);
  }

  private static void writeChart(
      String engine, double rate, List<Sample> samples, List<LiveHeap> live, Path file)
      throws IOException {
    double[] t = samples.stream().mapToDouble(Sample::atSeconds).toArray();
    int nodes = samples.get(0).heapMib().length;
    XYChart heap = chart(engine + " soak at " + Math.round(rate) + " tx/s: heap used (MiB)", "MiB");
    XYChart fds = chart("open file handles", "handles");
    XYChart p99 = chart("p99 finality latency per 5 s window (ms)", "ms");
    XYChart liveHeap = chart("live heap after a full collection, once a minute (MiB)", "MiB");
    for (int n = 0; n < nodes; n++) {
      int node = n;
      heap.addSeries(
          "node-" + n, t, samples.stream().mapToDouble(s -> s.heapMib()[node]).toArray());
      fds.addSeries("node-" + n, t, samples.stream().mapToDouble(s -> s.fds()[node]).toArray());
    }
    p99.addSeries("p99", t, samples.stream().mapToDouble(Sample::p99Millis).toArray());
    if (!live.isEmpty()) {
      double[] lt = live.stream().mapToDouble(LiveHeap::atSeconds).toArray();
      for (int n = 0; n < nodes; n++) {
        int node = n;
        liveHeap.addSeries(
            "node-" + n, lt, live.stream().mapToDouble(h -> h.mib()[node]).toArray());
      }
    }
    BitmapEncoder.saveBitmap(
        List.of(heap, liveHeap, fds, p99), 4, 1, file.toString(), BitmapEncoder.BitmapFormat.PNG);
  }

  private static XYChart chart(String title, String yTitle) {
    XYChart chart =
        new XYChartBuilder()
            .width(800)
            .height(260)
            .title(title)
            .xAxisTitle("seconds")
            .yAxisTitle(yTitle)
            .build();
    chart.getStyler().setMarkerSize(3);
    return chart;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    return sorted.length == 0 ? 0 : sorted[sorted.length / 2];
  }

  private static double max(double[] values) {
    return java.util.Arrays.stream(values).max().orElse(0);
  }

  private static int maxInt(int[] values) {
    return java.util.Arrays.stream(values).max().orElse(0);
  }

  private static String format(double[] values) {
    StringBuilder text = new StringBuilder("[");
    for (double v : values) {
      text.append(text.length() > 1 ? ", " : "").append(Math.round(v));
    }
    return text.append(']').toString();
  }
}

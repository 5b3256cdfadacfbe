package io.consensio.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.consensio.app.LocalNetwork;
import io.consensio.app.NodeProcess;
import io.consensio.runtime.client.NodeClient;
import io.consensio.runtime.client.NodeStatus;
import io.consensio.runtime.config.NodeConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * One algorithm at one cluster size: a fresh devnet of node processes on loopback, a warm-up until
 * the chain finalizes, an open-loop phase at a set rate, then a closed-loop phase with a window of
 * outstanding transactions, each followed by a bounded drain so late transactions still count in
 * the latency figures. Node counters are read from every node's {@code /metrics} around each phase.
 *
 * <p>Threading: the calling thread submits; one scheduler thread scans the observer's final blocks.
 */
final class ClusterBench {
  /** Most time to wait for a first transaction to become final. */
  static final long WARMUP_MILLIS = 60_000;

  static final long DRAIN_MILLIS = 10_000;
  static final long SCAN_INTERVAL_MILLIS = 50;
  static final int CDF_POINTS = 50;

  /** Client threads submitting at once, so one HTTP round trip does not cap the offered load. */
  static final int LANES = 8;

  /** Counters of the blocks each Nakamoto-style engine produced, as Prometheus names them. */
  private static final Map<String, String> PRODUCED =
      Map.of(
          "pow", "pow_mined_total",
          "pos", "pos_proposed_total",
          "dpos", "dpos_block_produced_total");

  static final String SENT_MESSAGES = "transport_sent_messages_total";
  static final String SENT_BYTES = "transport_sent_bytes_total";

  private final String algorithm;
  private final int nodes;
  private final long phaseMillis;
  private final double rate;
  private final int window;
  private final Path dir;
  private final BiConsumer<String, Double> progress;
  private final HttpClient http = HttpClient.newHttpClient();

  /**
   * @param progress told the current step and the fraction of this run done
   */
  ClusterBench(
      String algorithm,
      int nodes,
      long phaseMillis,
      double rate,
      int window,
      Path dir,
      BiConsumer<String, Double> progress) {
    this.algorithm = algorithm;
    this.nodes = nodes;
    this.phaseMillis = phaseMillis;
    this.rate = rate;
    this.window = window;
    this.dir = dir;
    this.progress = progress;
  }

  ClusterResult run() throws InterruptedException {
    long wallStart = System.nanoTime();
    JsonNode settings = BenchSettings.forAlgorithm(algorithm);
    progress.accept("starting " + nodes + " nodes", 0.0);
    LocalNetwork network = LocalNetwork.generate(dir, algorithm, settings, nodes, 16, "127.0.0.1");
    List<NodeProcess> processes = new ArrayList<>();
    List<Path> files = network.nodeConfigs();
    List<NodeConfig> configs = network.loadConfigs();
    for (int i = 0; i < configs.size(); i++) {
      processes.add(new NodeProcess(configs.get(i), files.get(i)));
    }
    ScheduledExecutorService scanner =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "bench-scanner");
              t.setDaemon(true);
              return t;
            });
    // Ctrl-C of the benchmark must not leave node processes behind
    Thread reaper = new Thread(() -> stopAll(processes), "bench-stop-nodes");
    Runtime.getRuntime().addShutdownHook(reaper);
    try {
      for (NodeProcess process : processes) {
        process.start();
      }
      for (NodeProcess process : processes) {
        process.awaitReady(60_000);
      }
      List<NodeClient> clients = processes.stream().map(NodeProcess::client).toList();
      NodeClient observer = clients.get(0);
      ClientLoad load =
          new ClientLoad(
              network.clientKeys(), LANES, observer, observer.status().finalizedHeight());
      scanner.scheduleWithFixedDelay(
          () -> scanQuietly(load, observer),
          SCAN_INTERVAL_MILLIS,
          SCAN_INTERVAL_MILLIS,
          TimeUnit.MILLISECONDS);
      warmUp(load, clients);
      NodeStatus before = observer.status();
      Map<String, Double> producedBefore = producedByNode(processes);
      long raftElectionsBefore = (long) sumMetric(processes, "raft_leader_elected_total");
      PhaseResult open = phase("open", load, clients, processes, 0.1, 0.55);
      PhaseResult closed = phase("closed", load, clients, processes, 0.55, 1.0);
      NodeStatus after = observer.status();
      long produced = -1;
      double stale = -1;
      long canonical = after.headHeight() - before.headHeight();
      if (PRODUCED.containsKey(algorithm)) {
        produced = Math.round(total(producedByNode(processes)) - total(producedBefore));
        stale = produced <= 0 ? 0 : Math.max(0, 1.0 - (double) canonical / produced);
      }
      long viewChanges =
          switch (algorithm) {
            case "raft" ->
                Math.round(sumMetric(processes, "raft_leader_elected_total") - raftElectionsBefore);
            case "pbft" -> after.round() - before.round();
            default -> -1;
          };
      progress.accept("stopping", 1.0);
      return new ClusterResult(
          algorithm,
          nodes,
          settings,
          open,
          closed,
          produced,
          canonical,
          stale,
          viewChanges,
          finalizedChainsDisagree(clients),
          (System.nanoTime() - wallStart) / 1e9,
          null);
    } finally {
      scanner.shutdownNow();
      stopAll(processes);
      try {
        Runtime.getRuntime().removeShutdownHook(reaper);
      } catch (IllegalStateException shuttingDown) {
        // the JVM is exiting and the hook is stopping the nodes
      }
    }
  }

  /** Stops every node; once interrupted, kills the rest rather than leave them running. */
  private static void stopAll(List<NodeProcess> processes) {
    boolean interrupted = false;
    for (NodeProcess process : processes) {
      try {
        if (interrupted) {
          process.kill();
        } else {
          process.stop();
        }
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Sends one transaction and waits until it is final: the cluster has elected, connected and
   * produced, so the phases measure steady state rather than start-up.
   */
  private void warmUp(ClientLoad load, List<NodeClient> clients) throws InterruptedException {
    progress.accept("waiting for a first transaction to be final", 0.05);
    long deadline = System.currentTimeMillis() + WARMUP_MILLIS;
    while (load.submitted() == 0 && System.currentTimeMillis() < deadline) {
      load.submitOne(clients, 0);
      if (load.submitted() == 0) {
        Thread.sleep(200);
      }
    }
    while (load.committed() == 0 && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    if (load.committed() == 0) {
      throw new IllegalStateException(
          algorithm
              + " with "
              + nodes
              + " nodes finalized no transaction within "
              + WARMUP_MILLIS / 1000
              + " s; see the node logs in "
              + dir);
    }
  }

  private PhaseResult phase(
      String mode,
      ClientLoad load,
      List<NodeClient> clients,
      List<NodeProcess> processes,
      double fromFraction,
      double toFraction)
      throws InterruptedException {
    double[] sentBefore = sent(processes);
    load.resetLatencies();
    long committedBefore = load.committed();
    long submittedBefore = load.submitted();
    long refusedBefore = load.refused();
    long start = System.currentTimeMillis();
    long end = start + phaseMillis;
    double span = toFraction - fromFraction;
    LoadLanes lanes =
        mode.equals("open")
            ? LoadLanes.open(load, clients, rate, end)
            : LoadLanes.closed(load, clients, window, end);
    while (!lanes.awaitEnd(100)) {
      long elapsed = Math.min(phaseMillis, System.currentTimeMillis() - start);
      progress.accept(
          mode + " loop: " + (load.committed() - committedBefore) + " committed",
          fromFraction + span * 0.8 * elapsed / phaseMillis);
    }
    lanes.join();
    long drainEnd = System.currentTimeMillis() + DRAIN_MILLIS;
    while (load.pendingCount() > 0 && System.currentTimeMillis() < drainEnd) {
      progress.accept(
          mode + " loop: draining " + load.pendingCount(),
          fromFraction
              + span
                  * (0.8
                      + 0.2
                          * (1 - (drainEnd - System.currentTimeMillis()) / (double) DRAIN_MILLIS)));
      Thread.sleep(50);
    }
    long committed = load.committed() - committedBefore;
    double[] sentAfter = sent(processes);
    double messages = sentAfter[0] - sentBefore[0];
    double bytes = sentAfter[1] - sentBefore[1];
    double consensusMessages = sentAfter[2] - sentBefore[2];
    Latencies latencies = new Latencies(load.latenciesMillis());
    double seconds = phaseMillis / 1000.0;
    // commits trail submissions by the latency: over the phase alone a protocol slower than the
    // phase would show nothing, so divide by the span the commits actually took when it is longer
    double commitSeconds = Math.max(seconds, load.commitSpanMillis() / 1000.0);
    return new PhaseResult(
        mode,
        mode.equals("open") ? rate : window,
        load.submitted() - submittedBefore,
        load.refused() - refusedBefore,
        committed,
        seconds,
        committed / commitSeconds,
        latencies.percentile(50),
        latencies.percentile(90),
        latencies.percentile(99),
        latencies.max(),
        committed == 0 ? 0 : messages / committed,
        committed == 0 ? 0 : bytes / committed,
        committed == 0 ? 0 : consensusMessages / committed,
        latencies.cdf(CDF_POINTS));
  }

  /** Messages, bytes and consensus-channel messages every node has queued for its peers. */
  private double[] sent(List<NodeProcess> processes) {
    double[] sums = new double[3];
    for (NodeProcess process : processes) {
      PrometheusText metrics = scrape(process);
      sums[0] += metrics.sum(SENT_MESSAGES);
      sums[1] += metrics.sum(SENT_BYTES);
      sums[2] += metrics.sum(SENT_MESSAGES, "channel", "consensus");
    }
    return sums;
  }

  private static void scanQuietly(ClientLoad load, NodeClient observer) {
    try {
      load.scan(observer);
    } catch (RuntimeException e) {
      // the observer is busy for a moment; the next scan continues where this one stopped
    }
  }

  private Map<String, Double> producedByNode(List<NodeProcess> processes) {
    String name = PRODUCED.get(algorithm);
    Map<String, Double> byNode = new TreeMap<>();
    if (name != null) {
      for (NodeProcess process : processes) {
        byNode.put(process.id(), scrape(process).sum(name));
      }
    }
    return byNode;
  }

  private static double total(Map<String, Double> values) {
    return values.values().stream().mapToDouble(Double::doubleValue).sum();
  }

  private double sumMetric(List<NodeProcess> processes, String name) {
    double sum = 0;
    for (NodeProcess process : processes) {
      sum += scrape(process).sum(name);
    }
    return sum;
  }

  /** Reads one node's {@code /metrics}; a node that does not answer counts as empty. */
  private PrometheusText scrape(NodeProcess process) {
    URI uri = URI.create(process.apiBase() + "/metrics");
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(uri + " answered HTTP " + response.statusCode());
      }
      return PrometheusText.parse(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + uri, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted reading " + uri, e);
    }
  }

  /**
   * How many distinct blocks beyond one the nodes hold at their lowest finalized height: a block id
   * commits to its whole ancestry, so 0 means every finalized chain agrees.
   */
  private static int finalizedChainsDisagree(List<NodeClient> clients) {
    long lowest = Long.MAX_VALUE;
    for (NodeClient client : clients) {
      lowest = Math.min(lowest, client.status().finalizedHeight());
    }
    Set<String> ids = new HashSet<>();
    for (NodeClient client : clients) {
      Optional<JsonNode> block = client.block(lowest);
      block.ifPresent(b -> ids.add(b.path("id").asText()));
    }
    return Math.max(0, ids.size() - 1);
  }
}

package io.consensio.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.consensio.runtime.client.NodeClient;
import io.consensio.runtime.client.NodeClientException;
import io.consensio.runtime.client.NodeStatus;
import io.consensio.runtime.config.NodeConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code consensio devnet}: N real nodes, each its own process on loopback with its own RocksDB
 * directory, under client load, with live progress. Ctrl-C stops it cleanly; running it again with
 * the same directory resumes the same chain from disk.
 */
@Command(
    name = "devnet",
    mixinStandardHelpOptions = true,
    description = {
      "Starts N nodes as separate processes on loopback (real Netty sockets, one RocksDB",
      "directory each), sends them signed transfers at --rate per second and shows height,",
      "committed tx/s and latency to finality. Ctrl-C stops cleanly; a rerun resumes from disk."
    })
final class DevnetCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--consensus",
      defaultValue = "poa",
      description = "consensus.type (default ${DEFAULT-VALUE})")
  String consensus;

  @Option(
      names = "--nodes",
      defaultValue = "4",
      description = "number of nodes (default ${DEFAULT-VALUE})")
  int nodes;

  @Option(
      names = "--duration",
      defaultValue = "30s",
      converter = DurationConverter.class,
      description = "how long to run the load (default ${DEFAULT-VALUE}; 0 = until Ctrl-C)")
  long durationMillis;

  @Option(
      names = "--rate",
      defaultValue = "100",
      description = "transactions per second (default ${DEFAULT-VALUE})")
  double rate;

  @Option(names = "--dir", description = "network directory (default devnet/<consensus>-<nodes>)")
  Path dir;

  @Option(names = "--json", description = "end with one JSON object of results on stdout")
  boolean json;

  private volatile boolean stopRequested;

  @Override
  public Integer call() throws Exception {
    ConsensioCli.registry().find(consensus);
    Path networkDir = dir != null ? dir : Path.of("devnet", consensus + "-" + nodes);
    LocalNetwork network = LocalNetwork.at(networkDir);
    PrintWriter err = spec.commandLine().getErr();
    if (network.exists()) {
      err.println("resuming the network in " + network.dir());
    } else {
      network = LocalNetwork.generate(networkDir, consensus, nodes, 16, "127.0.0.1");
      err.println("created a " + nodes + "-node " + consensus + " network in " + network.dir());
    }
    List<NodeProcess> processes = new ArrayList<>();
    List<Path> configFiles = network.nodeConfigs();
    List<NodeConfig> configs = network.loadConfigs();
    for (int i = 0; i < configs.size(); i++) {
      if (!configs.get(i).consensus().type().equals(consensus)) {
        throw new IllegalStateException(
            network.dir() + " holds a " + configs.get(i).consensus().type() + " network");
      }
      processes.add(new NodeProcess(configs.get(i), configFiles.get(i)));
    }
    CountDownLatch finished = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              stopRequested = true;
              try {
                finished.await(30, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "devnet-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      for (NodeProcess process : processes) {
        process.start();
      }
      for (NodeProcess process : processes) {
        process.awaitReady(60_000);
      }
      err.println(
          "all "
              + processes.size()
              + " nodes answer; logs in "
              + network.dir()
              + "/node-*/node.log");
      return runLoad(network, processes);
    } finally {
      for (NodeProcess process : processes) {
        process.stop();
      }
      finished.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the JVM is already exiting through the hook
      }
    }
  }

  private int runLoad(LocalNetwork network, List<NodeProcess> processes)
      throws InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    List<NodeClient> clients = processes.stream().map(NodeProcess::client).toList();
    NodeClient observer = clients.get(0);
    long startHeight = observer.status().finalizedHeight();
    DevnetLoad load = new DevnetLoad(network.clientKeys(), observer, startHeight);
    long start = System.currentTimeMillis();
    long deadline = durationMillis > 0 ? start + durationMillis : Long.MAX_VALUE;
    long nextReport = start + 1_000;
    ScheduledExecutorService scanner =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "devnet-scanner");
              t.setDaemon(true);
              return t;
            });
    // a separate scanner, so latency is measured within ~50 ms whatever the submitting thread does
    scanner.scheduleWithFixedDelay(
        () -> scanQuietly(load, observer), 50, 50, TimeUnit.MILLISECONDS);
    long lastCommitted = 0;
    while (!stopRequested && System.currentTimeMillis() < deadline) {
      long elapsed = System.currentTimeMillis() - start;
      long due = (long) (rate * elapsed / 1000.0);
      while (load.submitted() + load.refused() < due && !stopRequested) {
        load.submitOne(clients);
      }
      if (System.currentTimeMillis() >= nextReport) {
        long committed = load.committed();
        err.printf(
            "\rheight %6d  committed %7d  %6.0f tx/s  p50 %6.0f ms  p99 %6.0f ms  pending %5d",
            load.scannedHeight(),
            committed,
            (double) (committed - lastCommitted),
            load.percentileMillis(50),
            load.percentileMillis(99),
            load.pendingCount());
        err.flush();
        lastCommitted = committed;
        nextReport += 1_000;
      }
      Thread.sleep(5);
    }
    long loadEnd = System.currentTimeMillis();
    // let what was submitted reach finality (bounded), so latency figures are not cut short
    long drainDeadline = loadEnd + 10_000;
    while (load.pendingCount() > 0
        && System.currentTimeMillis() < drainDeadline
        && !stopRequested) {
      scanQuietly(load, observer);
      Thread.sleep(50);
    }
    scanQuietly(load, observer);
    err.println();
    long seconds = Math.max(1, loadEnd - start) / 1000;
    int violations = finalizedChainsDisagree(clients);
    ObjectNode result = new ObjectMapper().createObjectNode();
    result.put("consensus", consensus);
    result.put("nodes", processes.size());
    result.put("committedTxs", load.committed());
    result.put("height", load.scannedHeight());
    result.put("tps", (double) load.committed() / seconds);
    result.put("p50LatencyMs", load.percentileMillis(50));
    result.put("p99LatencyMs", load.percentileMillis(99));
    result.put("safetyViolations", violations);
    result.put("submittedTxs", load.submitted());
    result.put("refusedTxs", load.refused());
    result.put("durationSeconds", seconds);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(result.toPrettyString());
    } else {
      out.printf(
          "%s, %d nodes: %d committed in %d s (%.1f tx/s), height %d, p50 %.0f ms, p99 %.0f ms, "
              + "safety violations %d%n",
          consensus,
          processes.size(),
          load.committed(),
          seconds,
          (double) load.committed() / seconds,
          load.scannedHeight(),
          load.percentileMillis(50),
          load.percentileMillis(99),
          violations);
    }
    return violations == 0 ? 0 : 1;
  }

  private static void scanQuietly(DevnetLoad load, NodeClient observer) {
    try {
      load.scanFinalBlocks(observer);
    } catch (RuntimeException e) {
      // the observer is down for a moment; the next scan picks up where this one stopped
    }
  }

  /**
   * The nodes' finalized chains agree when every node holds the same block at the lowest finalized
   * height among them: a block id commits to its whole ancestry. Returns how many distinct blocks
   * beyond one the nodes hold there.
   */
  private static int finalizedChainsDisagree(List<NodeClient> clients) {
    long lowest = Long.MAX_VALUE;
    List<NodeClient> answering = new ArrayList<>();
    for (NodeClient client : clients) {
      try {
        NodeStatus status = client.status();
        lowest = Math.min(lowest, status.finalizedHeight());
        answering.add(client);
      } catch (NodeClientException down) {
        // a node that does not answer cannot disagree
      }
    }
    Set<String> ids = new HashSet<>();
    for (NodeClient client : answering) {
      Optional<com.fasterxml.jackson.databind.JsonNode> block = client.block(lowest);
      block.ifPresent(b -> ids.add(b.path("id").asText()));
    }
    return Math.max(0, ids.size() - 1);
  }
}

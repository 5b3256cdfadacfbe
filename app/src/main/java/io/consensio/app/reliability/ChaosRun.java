package io.consensio.app.reliability;

import io.consensio.api.types.Hash;
import io.consensio.app.LocalNetwork;
import io.consensio.app.NodeProcess;
import io.consensio.runtime.client.NodeClient;
import io.consensio.runtime.client.TxStatus;
import io.consensio.runtime.config.ConfigWriter;
import io.consensio.runtime.config.FreePorts;
import io.consensio.runtime.config.HostPort;
import io.consensio.runtime.config.NodeConfig;
import io.consensio.runtime.config.PeerConfig;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Process-level chaos on loopback: a devnet of real node processes whose every peer link runs
 * through a {@link LinkProxy}, under key/value load from {@link KvClient}s, while every few seconds
 * one random node is killed with SIGKILL and restarted from its data directory, paused with SIGSTOP
 * and resumed with SIGCONT, or cut off from all peers at the proxies (each kind once per round of
 * three, in random order). Then the faults stop, every acknowledged write is looked up on every
 * node, and the history goes to the {@link LinearizabilityChecker}.
 *
 * <p>Run it with {@code java -cp consensio.jar io.consensio.app.reliability.ChaosRun raft 5 600}
 * (engine, nodes, seconds of chaos).
 */
public final class ChaosRun {
  private static final String HOST = "127.0.0.1";

  /**
   * @param chaos how long faults are injected
   * @param faultEvery time between fault onsets; each fault lasts 1.5-3.5 s
   */
  public record Settings(
      String consensus, int nodes, int clients, Duration chaos, Duration faultEvery, long seed) {}

  private final Settings settings;
  private final Path dir;
  private final PrintStream log;
  private final Random random;
  private final List<Path> configFiles = new ArrayList<>();
  private final List<NodeConfig> configs = new ArrayList<>();
  private final List<NodeProcess> processes = new ArrayList<>();

  /** proxies[i][j]: node i's link to node j. */
  private LinkProxy[][] proxies;

  private ChaosRun(Settings settings, Path dir, PrintStream log) {
    this.settings = settings;
    this.dir = dir;
    this.log = log;
    this.random = new Random(settings.seed());
  }

  public static ChaosReport run(Settings settings, Path dir, PrintStream log)
      throws InterruptedException {
    return new ChaosRun(settings, dir, log).run();
  }

  private ChaosReport run() throws InterruptedException {
    EventLoopGroup proxyLoops = new NioEventLoopGroup(2);
    try {
      LocalNetwork network =
          LocalNetwork.generate(
              dir, settings.consensus(), settings.nodes(), settings.clients(), HOST);
      routeThroughProxies(network, proxyLoops);
      for (int i = 0; i < configs.size(); i++) {
        processes.add(new NodeProcess(configs.get(i), configFiles.get(i)));
        processes.get(i).start();
      }
      for (NodeProcess process : processes) {
        process.awaitReady(120_000);
      }
      List<NodeClient> clients = processes.stream().map(NodeProcess::client).toList();
      FinalChainReader chain = new FinalChainReader(clients);
      CopyOnWriteArrayList<KvOperation> history = new CopyOnWriteArrayList<>();
      List<Hash> acknowledged = Collections.synchronizedList(new ArrayList<>());
      long chaosEnd = System.currentTimeMillis() + settings.chaos().toMillis();
      List<Thread> threads = new ArrayList<>();
      for (int c = 0; c < settings.clients(); c++) {
        KvClient client =
            new KvClient(
                c,
                network.clientKeys().get(c),
                clients,
                chain,
                history,
                acknowledged,
                () -> System.currentTimeMillis() < chaosEnd,
                20_000,
                settings.seed() * 31 + c);
        Thread thread = new Thread(client, "kv-client-" + c);
        thread.start();
        threads.add(thread);
      }
      Map<String, Integer> faults = injectFaults(chaosEnd);
      for (Thread thread : threads) {
        thread.join();
      }
      int lost = lostWrites(acknowledged, clients, chain);
      int completed = (int) history.stream().filter(KvOperation::completed).count();
      ChaosReport report =
          new ChaosReport(
              settings.consensus(),
              history.size(),
              completed,
              faults,
              acknowledged.size(),
              lost,
              chain.divergentBlocks(),
              LinearizabilityChecker.check(List.copyOf(history)));
      log.println(report.summary());
      return report;
    } finally {
      for (NodeProcess process : processes) {
        resume(process);
        process.kill();
      }
      if (proxies != null) {
        for (LinkProxy[] row : proxies) {
          for (LinkProxy proxy : row) {
            if (proxy != null) {
              proxy.close();
            }
          }
        }
      }
      proxyLoops.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
    }
  }

  /** Rewrites every node's peer list so that each peer is reached through its own proxy. */
  private void routeThroughProxies(LocalNetwork network, EventLoopGroup loops) {
    configFiles.addAll(network.nodeConfigs());
    List<NodeConfig> original = network.loadConfigs();
    int n = original.size();
    proxies = new LinkProxy[n][n];
    // ports the nodes will bind later: a proxy must not take one of them
    java.util.Set<Integer> taken = new java.util.HashSet<>();
    for (NodeConfig c : original) {
      taken.add(c.node().listen().port());
      taken.add(c.api().listen().port());
    }
    for (int i = 0; i < n; i++) {
      List<PeerConfig> peers = new ArrayList<>();
      for (int j = 0; j < n; j++) {
        PeerConfig peer = original.get(i).peers().get(j);
        if (i == j) {
          peers.add(peer);
          continue;
        }
        int port = FreePorts.pick(HOST);
        while (!taken.add(port)) {
          port = FreePorts.pick(HOST);
        }
        proxies[i][j] = new LinkProxy(loops, HOST, port, original.get(j).node().listen().port());
        peers.add(new PeerConfig(peer.id(), new HostPort(HOST, port), peer.publicKey()));
      }
      NodeConfig c = original.get(i);
      NodeConfig routed =
          new NodeConfig(
              c.node(), c.network(), peers, c.consensus(), c.api(), c.metrics(), c.genesis());
      ConfigWriter.write(routed, configFiles.get(i));
      configs.add(routed);
    }
  }

  private Map<String, Integer> injectFaults(long chaosEnd) throws InterruptedException {
    Map<String, Integer> counts = new TreeMap<>();
    List<String> kinds = new ArrayList<>();
    while (System.currentTimeMillis() + settings.faultEvery().toMillis() < chaosEnd) {
      Thread.sleep(settings.faultEvery().toMillis() / 2);
      int victim = random.nextInt(processes.size());
      long downMillis = 1_500 + random.nextInt(2_000);
      if (kinds.isEmpty()) {
        // each kind once per round, in a random order, so even a short run sees all three
        kinds.addAll(List.of("kill-9", "pause", "cut-off"));
        Collections.shuffle(kinds, random);
      }
      String kind = kinds.remove(0);
      log.printf("fault: %s node-%02d for %d ms%n", kind, victim, downMillis);
      counts.merge(kind, 1, Integer::sum);
      switch (kind) {
        case "kill-9" -> {
          processes.get(victim).kill();
          Thread.sleep(downMillis);
          NodeProcess restarted = new NodeProcess(configs.get(victim), configFiles.get(victim));
          processes.set(victim, restarted);
          restarted.start();
          restarted.awaitReady(120_000);
        }
        case "pause" -> {
          signal(processes.get(victim), "STOP");
          Thread.sleep(downMillis);
          resume(processes.get(victim));
        }
        default -> {
          setCut(victim, true);
          Thread.sleep(downMillis);
          setCut(victim, false);
        }
      }
      Thread.sleep(settings.faultEvery().toMillis() / 2);
    }
    return counts;
  }

  private void setCut(int node, boolean cut) {
    for (int other = 0; other < proxies.length; other++) {
      for (LinkProxy link : new LinkProxy[] {proxies[node][other], proxies[other][node]}) {
        if (link != null) {
          if (cut) {
            link.cut();
          } else {
            link.heal();
          }
        }
      }
    }
  }

  /**
   * Acknowledged writes that some node, once caught up, does not hold final in the block the
   * clients saw. Waits up to 60 s for every node to reach the highest acknowledged height.
   */
  private int lostWrites(List<Hash> acknowledged, List<NodeClient> clients, FinalChainReader chain)
      throws InterruptedException {
    int lost = 0;
    List<Hash> writes;
    synchronized (acknowledged) {
      writes = List.copyOf(acknowledged);
    }
    for (NodeClient node : clients) {
      for (Hash id : writes) {
        Optional<TxStatus> status = awaitFinal(node, id);
        if (status.isEmpty()) {
          lost++;
          log.println("LOST: " + id.toHex() + " is not final on " + node);
        } else {
          chain.reportFinal(
              status.get().height().orElseThrow(), status.get().blockId().orElseThrow().toHex());
        }
      }
    }
    return lost;
  }

  private static Optional<TxStatus> awaitFinal(NodeClient node, Hash id)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline) {
      try {
        Optional<TxStatus> status = node.transactionStatus(id);
        if (status.isPresent() && status.get().isFinal()) {
          return status;
        }
      } catch (RuntimeException notYet) {
        // restarting
      }
      Thread.sleep(100);
    }
    return Optional.empty();
  }

  private static void resume(NodeProcess process) {
    if (process.isAlive()) {
      signal(process, "CONT");
    }
  }

  /** Sends SIGSTOP or SIGCONT with the system's kill command (the JDK sends only TERM and KILL). */
  private static void signal(NodeProcess process, String signal) {
    try {
      new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
          .inheritIO()
          .start()
          .waitFor();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot send SIG" + signal, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** {@code ChaosRun ENGINE NODES SECONDS [DIR]}: prints the report, exits 1 if it failed. */
  public static void main(String[] args) throws Exception {
    String engine = args.length > 0 ? args[0] : "raft";
    int nodes = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 600;
    Path dir = args.length > 3 ? Path.of(args[3]) : Files.createTempDirectory("chaos-" + engine);
    ChaosReport report =
        run(
            new Settings(
                engine,
                nodes,
                4,
                Duration.ofSeconds(seconds),
                Duration.ofSeconds(4),
                System.nanoTime()),
            dir,
            System.out);
    System.exit(report.passed() ? 0 : 1);
  }
}

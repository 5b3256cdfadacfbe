package io.consensio.sim;

import io.consensio.api.Member;
import io.consensio.api.Membership;
import io.consensio.api.crypto.Ed25519KeyPair;
import io.consensio.api.crypto.Ed25519Verifier;
import io.consensio.api.types.Hash;
import io.consensio.api.types.NodeId;
import io.consensio.api.types.Transaction;
import io.consensio.runtime.ledger.Genesis;
import io.consensio.runtime.node.ConsensusRegistry;
import io.consensio.runtime.node.NodeSpec;
import io.consensio.runtime.state.LedgerRules;
import io.consensio.sim.byzantine.Adversary;
import io.consensio.sim.check.InvariantMonitor;
import io.consensio.sim.check.InvariantReport;
import io.consensio.sim.fault.FaultScheduleConfig;
import io.consensio.sim.fault.FaultScheduler;
import io.consensio.sim.fault.FaultTarget;
import io.consensio.sim.load.GenesisAccount;
import io.consensio.sim.load.LoadGenerator;
import io.consensio.sim.load.LoadReport;
import io.consensio.sim.net.NetworkModel;
import io.consensio.sim.net.SimNetwork;
import io.consensio.sim.random.SeedTree;
import io.consensio.sim.time.EventQueue;
import io.consensio.sim.time.SimScheduler;
import io.consensio.sim.trace.TraceRecorder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Runs a cluster of real node cores — ledger, mempool, gossip and the chosen engine, assembled as
 * in a real node — on one event queue with virtual time, a simulated network, crashable disks,
 * seeded faults and simulated clients, while invariant checkers watch every node.
 *
 * <p>A run has two phases: for {@code durationMillis} clients submit transactions and the fault
 * plan plays out; then every fault is healed and the cluster has {@code livenessMillis} to finish
 * the submitted work. Everything random derives from the seed, so a run replays exactly.
 *
 * <p>An {@link Adversary} may make some nodes byzantine; those are left out of the invariant
 * checks, of client routing and of the reported heights, since the checked properties are the
 * honest nodes'.
 */
public final class Simulation implements FaultTarget {
  private static final long DEFAULT_CHECK_INTERVAL_MICROS = 100_000;
  private static final long POLL_INTERVAL_MICROS = 20_000;

  private final SimulationConfig config;
  private final SeedTree seeds;
  private final EventQueue queue = new EventQueue();
  private final TraceRecorder trace = new TraceRecorder();
  private final SimNetwork network;
  private final SortedMap<NodeId, SimNode> nodes = new TreeMap<>();
  private final InvariantMonitor monitor = InvariantMonitor.withAllInvariants();
  private final LoadGenerator load;
  private final Random routing;
  private final Adversary adversary;
  private final List<SimNode> twins = new ArrayList<>();
  private long pollCursor;
  private long checkIntervalMicros = DEFAULT_CHECK_INTERVAL_MICROS;

  public Simulation(SimulationConfig config) {
    this(config, ConsensusRegistry.loadDefault());
  }

  public Simulation(SimulationConfig config, ConsensusRegistry registry) {
    this(config, registry, Adversary.NONE);
  }

  public Simulation(SimulationConfig config, ConsensusRegistry registry, Adversary adversary) {
    this.config = config;
    this.adversary = adversary;
    this.seeds = new SeedTree(config.seed());
    NetworkModel model = config.faults().applyTo(NetworkModel.reliable(config.latency()), 20_000);
    this.network = new SimNetwork(model, seeds.random("network"), trace);
    this.routing = seeds.random("routing");
    this.load = new LoadGenerator(config.load(), seeds, queue, this::submitToRandomNode);

    List<Ed25519KeyPair> keys = new ArrayList<>();
    List<Member> members = new ArrayList<>();
    for (int i = 0; i < config.nodes(); i++) {
      Ed25519KeyPair key = Ed25519KeyPair.fromSeed(seeds.bytes("node-key/" + i, 32));
      keys.add(key);
      members.add(new Member(nodeId(i), key.publicKey()));
    }
    Membership membership = new Membership(members);
    Genesis genesis = genesis(members);
    registry.find(config.consensus()); // fail fast with the list of known types
    for (int i = 0; i < config.nodes(); i++) {
      Member member = members.get(i);
      NodeSpec spec =
          new NodeSpec(
              member.id(),
              keys.get(i),
              membership,
              genesis,
              config.consensus(),
              config.consensusSection(),
              null);
      SimScheduler scheduler = new SimScheduler(member.id(), queue, trace);
      SimNode node =
          new SimNode(
              spec,
              scheduler,
              network,
              seeds,
              Ed25519Verifier.INSTANCE,
              registry,
              config.computeUnitsPerSecond(),
              adversary,
              null);
      nodes.put(member.id(), node);
      if (adversary.twinned().contains(member.id())) {
        twins.add(
            new SimNode(
                spec,
                new SimScheduler(member.id(), queue, trace),
                network,
                seeds,
                Ed25519Verifier.INSTANCE,
                registry,
                config.computeUnitsPerSecond(),
                adversary,
                node));
      }
    }
  }

  /**
   * The name of the {@code index}-th node of a simulation ({@code node-00}, {@code node-01}...).
   */
  public static NodeId nodeId(int index) {
    return NodeId.of(String.format("node-%02d", index));
  }

  private Genesis genesis(List<Member> members) {
    List<Genesis.GenesisAccount> accounts = new ArrayList<>();
    for (GenesisAccount client : load.genesisAccounts()) {
      accounts.add(new Genesis.GenesisAccount(client.publicKey(), client.balance(), 0));
    }
    for (Member member : members) {
      accounts.add(new Genesis.GenesisAccount(member.publicKey(), 1_000_000, 1_000));
    }
    return new Genesis("sim-" + config.seed(), 0, accounts, List.of(), LedgerRules.DEFAULTS);
  }

  /** Runs both phases and reports what the checkers and clients saw. */
  public SimulationResult run() {
    for (SimNode node : nodes.values()) {
      node.start();
      if (isHonest(node.id())) {
        monitor.nodeUp(node.id(), node.core().chain());
      }
    }
    twins.forEach(SimNode::start);
    long faultPhase = config.durationMillis() * 1_000;
    if (config.faults().hasTimedFaults()) {
      FaultScheduleConfig timing =
          FaultScheduleConfig.defaults(faultPhase, config.maxConcurrentCrashes());
      new FaultScheduler(
              config.faults(), timing, List.copyOf(nodes.keySet()), seeds.random("faults"))
          .schedule(queue, this);
    }
    load.start();
    schedulePeriodic(checkIntervalMicros, () -> monitor.check(queue.nowMicros()));
    schedulePeriodic(POLL_INTERVAL_MICROS, this::pollFinality);
    queue.scheduleAt(faultPhase, this::endFaultPhase);

    queue.runUntil(faultPhase + config.livenessMillis() * 1_000);
    monitor.check(queue.nowMicros());
    pollFinality();
    return result();
  }

  private void endFaultPhase() {
    load.stopGenerating();
    network.setModel(NetworkModel.reliable(config.latency()));
    heal();
    for (SimNode node : nodes.values()) {
      if (node.scheduler().state() == SimScheduler.State.CRASHED) {
        restart(node.id());
      } else if (node.scheduler().state() == SimScheduler.State.PAUSED) {
        resume(node.id());
      }
    }
  }

  private void schedulePeriodic(long intervalMicros, Runnable action) {
    queue.scheduleAfter(
        intervalMicros,
        () -> {
          action.run();
          schedulePeriodic(intervalMicros, action);
        });
  }

  /** Asks one running node per poll, in turn, which client transactions it holds as final. */
  private void pollFinality() {
    List<SimNode> running = runningNodes();
    if (!running.isEmpty()) {
      load.pollFinality(running.get((int) (pollCursor++ % running.size())).core().chain());
    }
  }

  private boolean isHonest(NodeId node) {
    return !adversary.byzantine().contains(node);
  }

  /** Honest running nodes: clients talk to them, and the checks read them. */
  private List<SimNode> runningNodes() {
    List<SimNode> running = new ArrayList<>();
    for (SimNode node : nodes.values()) {
      if (node.isRunning() && isHonest(node.id())) {
        running.add(node);
      }
    }
    return running;
  }

  /** Clients send to a node chosen at random among those up, as a client library would. */
  private void submitToRandomNode(Transaction tx) {
    List<SimNode> running = runningNodes();
    if (!running.isEmpty()) {
      running.get(routing.nextInt(running.size())).core().submit(tx);
    }
  }

  private SimulationResult result() {
    InvariantReport report = monitor.report();
    LoadReport clients = load.report();
    long maxHeight = 0;
    long minHeight = Long.MAX_VALUE;
    for (SimNode node : nodes.values()) {
      if (!isHonest(node.id())) {
        continue;
      }
      long height = node.core() == null ? 0 : node.core().chain().finalizedHead().height();
      maxHeight = Math.max(maxHeight, height);
      minHeight = Math.min(minHeight, height);
    }
    List<String> violations = new ArrayList<>();
    report.violations().forEach(v -> violations.add(v.toString()));
    return new SimulationResult(
        config.consensus(),
        config.nodes(),
        config.seed(),
        queue.nowMicros() / 1e6,
        clients.finalized(),
        maxHeight,
        report.safetyViolations(),
        report.committedTxsLost(),
        trace.traceHash(),
        minHeight,
        clients.submitted(),
        clients.pending(),
        clients.p50Millis(),
        clients.p99Millis(),
        network.stats().total().messagesSent(),
        network.stats().total().messagesDropped(),
        queue.executedCount(),
        config.faults().toString(),
        violations,
        config.replayCommand());
  }

  /** Every distinct client transaction submitted during the run. */
  public List<Hash> submittedTransactions() {
    return load.submittedTransactions();
  }

  /**
   * How often (virtual time, default 100 ms) the invariant checkers look at every node; call before
   * {@link #run()}. A check costs time per node, so an hour of a thousand nodes checks less often;
   * the checkers scan incrementally and a final check runs at the end, so nothing goes unchecked,
   * but a violation that heals itself between two checks can be missed.
   */
  public void setInvariantCheckIntervalMillis(long millis) {
    if (millis < 1) {
      throw new IllegalArgumentException("check interval must be positive, got " + millis);
    }
    this.checkIntervalMicros = millis * 1_000;
  }

  /** The simulated network, e.g. to give it a {@link io.consensio.sim.net.LinkDelay}. */
  public SimNetwork network() {
    return network;
  }

  /** What the simulated clients saw so far, with the p90 and maximum latency. */
  public LoadReport loadReport() {
    return load.report();
  }

  /** The node cores, for tests that look inside a run. */
  public Map<NodeId, SimNode> nodes() {
    return nodes;
  }

  // ---- FaultTarget ----

  @Override
  public void crash(NodeId node) {
    SimNode target = nodes.get(node);
    if (target.scheduler().state() != SimScheduler.State.CRASHED) {
      target.crash();
      monitor.nodeDown(node);
    }
  }

  @Override
  public void restart(NodeId node) {
    SimNode target = nodes.get(node);
    if (target.scheduler().state() == SimScheduler.State.CRASHED) {
      target.restart();
      if (isHonest(node)) {
        monitor.nodeUp(node, target.core().chain());
      }
    }
  }

  @Override
  public void pause(NodeId node) {
    SimNode target = nodes.get(node);
    if (target.scheduler().state() == SimScheduler.State.RUNNING) {
      target.scheduler().pause();
    }
  }

  @Override
  public void resume(NodeId node) {
    SimNode target = nodes.get(node);
    if (target.scheduler().state() == SimScheduler.State.PAUSED) {
      target.scheduler().resume();
    }
  }

  @Override
  public void partition(Map<String, Set<NodeId>> groups) {
    network.partitions().partition(groups);
  }

  @Override
  public void blockOneWay(Set<NodeId> from, Set<NodeId> to) {
    network.partitions().blockOneWay(from, to);
  }

  @Override
  public void heal() {
    network.partitions().heal();
  }

  @Override
  public void setClockSkew(NodeId node, long skewMillis) {
    nodes.get(node).scheduler().setClockSkewMillis(skewMillis);
  }
}

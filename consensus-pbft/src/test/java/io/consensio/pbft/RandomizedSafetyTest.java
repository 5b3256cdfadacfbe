package io.consensio.pbft;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.ledger.TxLocation;
import io.consensio.api.types.NodeId;
import io.consensio.api.types.Transaction;
import io.consensio.pbft.PbftConfig.Authentication;
import io.consensio.pbft.harness.Cluster;
import io.consensio.pbft.harness.Cluster.Envelope;
import io.consensio.pbft.harness.Cluster.Node;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Safety and liveness under a hostile schedule, 500 seeds for each of f = 1 (n = 4) and f = 2 (n =
 * 7). Each seed picks f byzantine replicas (the first primary among them in a share of the runs),
 * each with a behaviour of {@link Adversary} (equivocating primary with colluding accomplices,
 * silence, wrong digests, replays of old and old-view messages, forged signatures), and, for a
 * fault phase, loses, duplicates and reorders messages, partitions the honest replicas and crashes
 * and restarts one of them, while timers fire at random points. Then the network heals and fresh
 * transactions are submitted. Checked for every seed:
 *
 * <ul>
 *   <li>no two honest replicas execute different blocks at one sequence number (after every round);
 *   <li>no forged message is accepted: each one delivered to an honest replica is counted in its
 *       {@code pbft.dropped} metric;
 *   <li>after the heal every honest replica executes every fresh transaction, the byzantine
 *       replicas still misbehaving (PBFT's liveness under f faults and eventual synchrony, §4.5).
 * </ul>
 *
 * Why the test's own {@link Cluster} rather than the {@code sim} module's Simulation: 1,000 runs
 * must fit in about a minute on one core, so signatures are {@link
 * io.consensio.pbft.harness.OracleSignatures} and the ledger is the small fake, and the adversary
 * rewrites individual envelopes between a byzantine engine and the wire, which the simulated
 * network does not expose. {@code ByzantineSimulationTest} runs the same behaviours on the real
 * node core, Ed25519 and the simulated network for a few seeds. A failure names the seed that
 * replays it.
 */
class RandomizedSafetyTest {
  private static final int SEEDS = 500;

  /**
   * Seeds of the {@code macs} runs: fewer, to keep the module's test time in budget; the view
   * change and every check but the pre-prepare's authentication are the same code in both modes.
   */
  private static final int MAC_SEEDS = 100;

  @Test
  void fOneOfFour() {
    runSeeds(1, Authentication.SIGNATURES, SEEDS);
  }

  @Test
  void fTwoOfSeven() {
    runSeeds(2, Authentication.SIGNATURES, SEEDS);
  }

  @Test
  void fOneOfFourWithMacAuthenticatedPrePrepares() {
    runSeeds(1, Authentication.MACS, MAC_SEEDS);
  }

  @Test
  void fTwoOfSevenWithMacAuthenticatedPrePrepares() {
    runSeeds(2, Authentication.MACS, MAC_SEEDS);
  }

  /** Runs in which an honest replica fetched a re-proposed block's body by BLOCK-REQUEST. */
  private long seedsThatFetchedBodies;

  private void runSeeds(int f, Authentication mode, int seeds) {
    long forged = 0;
    seedsThatFetchedBodies = 0;
    for (long seed = 1; seed <= seeds; seed++) {
      try {
        forged += runSeed(f, mode, seed);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError(
            "failing seed "
                + seed
                + " (replay: runSeed("
                + f
                + ", Authentication."
                + mode
                + ", "
                + seed
                + "))",
            e);
      }
    }
    // Guard against a vacuous run: forgeries were attempted and all of them dropped.
    assertThat(forged).isGreaterThan(seeds / 10);
    // ... and view changes re-proposed blocks some honest replica lacked and had to fetch.
    assertThat(seedsThatFetchedBodies).isPositive();
  }

  /** Runs one schedule; returns how many forged messages reached honest replicas. */
  long runSeed(int f, Authentication mode, long seed) {
    // Scrambled: java.util.Random's first draws are correlated for consecutive seeds.
    Random rnd = new Random(seed * 0x9E3779B97F4A7C15L + f);
    int n = 3 * f + 1;
    Cluster cluster = Cluster.fast(n, Cluster.config(n, 5, 3).withAuthentication(mode));
    List<Integer> byzantine = pickByzantine(rnd, n, f, seed);
    Adversary adversary = new Adversary(cluster, byzantine, rnd);
    List<Node> honest = new ArrayList<>();
    for (Node node : cluster.nodes()) {
      if (!adversary.controls(node.id)) {
        honest.add(node);
      }
    }
    Run run = new Run(cluster, adversary, rnd);

    // Fault phase: loss, duplication, reordering, partitions of the honest replicas, one crash.
    Set<NodeId> cutOff = new HashSet<>();
    int crashed = -1;
    int crashedUntil = 0;
    int perRound = 12 * n;
    for (int round = 0; round < 40; round++) {
      if (round < 30 && rnd.nextInt(3) == 0) {
        cluster.submit(1 + rnd.nextInt(6));
      }
      if (rnd.nextInt(8) == 0) {
        cutOff.clear();
        honest.stream().filter(h -> rnd.nextInt(3) == 0).forEach(h -> cutOff.add(h.id));
      }
      if (crashed < 0 && rnd.nextInt(10) == 0) {
        crashed = honest.get(rnd.nextInt(honest.size())).index;
        crashedUntil = round + 1 + rnd.nextInt(6);
        cluster.crash(crashed);
      } else if (crashed >= 0 && round >= crashedUntil) {
        cluster.restart(crashed);
        crashed = -1;
      }
      run.deliverRandomly(perRound, cutOff);
      cluster.time.advance(rnd.nextInt(250));
      ClusterAssertions.assertNoConflictingCommits(honest);
    }

    // Heal: everyone up, no loss, no partition; the byzantine replicas go on as before.
    if (crashed >= 0) {
      cluster.restart(crashed);
    }
    List<Transaction> fresh = cluster.submit(3);
    for (int step = 0; step < 400 && !allExecuted(honest, fresh); step++) {
      cluster.time.advance(100);
      run.deliverInOrder();
    }
    ClusterAssertions.assertNoConflictingCommits(honest);
    assertThat(run.forgedAccepted).as("forged messages accepted").isZero();
    for (Node node : honest) {
      for (Transaction tx : fresh) {
        assertThat(node.chain.findTransaction(tx.id()).map(TxLocation::isFinal))
            .as(
                "tx submitted after the heal, final on %s; byzantine %s; honest %s",
                node.id, adversary.behaviours(), describe(honest))
            .contains(true);
      }
    }
    ClusterAssertions.assertNoHandlerErrors(cluster);
    if (honest.stream().anyMatch(h -> h.metrics.count("pbft.bodies.fetched") > 0)) {
      seedsThatFetchedBodies++;
    }
    return run.forgedDelivered;
  }

  private static List<String> describe(List<Node> nodes) {
    return nodes.stream()
        .map(
            n ->
                n.id
                    + " h="
                    + n.height()
                    + " v="
                    + n.engine.status().round()
                    + " "
                    + n.engine.status().role()
                    + " mempool="
                    + n.mempool.size()
                    + " "
                    + n.engine.status().details())
        .toList();
  }

  /** f distinct replicas; node-0, the primary of view 0, is among them in about half the runs. */
  private static List<Integer> pickByzantine(Random rnd, int n, int f, long seed) {
    List<Integer> picked = new ArrayList<>();
    if (seed % 2 == 0) {
      picked.add(0);
    }
    while (picked.size() < f) {
      int candidate = 1 + rnd.nextInt(n - 1);
      if (!picked.contains(candidate)) {
        picked.add(candidate);
      }
    }
    return picked;
  }

  private static boolean allExecuted(List<Node> honest, List<Transaction> txs) {
    for (Node node : honest) {
      for (Transaction tx : txs) {
        Optional<TxLocation> at = node.chain.findTransaction(tx.id());
        if (at.isEmpty() || !at.get().isFinal()) {
          return false;
        }
      }
    }
    return true;
  }

  /** The wire of one run: a pool of envelopes, byzantine rewriting, and forgery accounting. */
  private static final class Run {
    private final Cluster cluster;
    private final Adversary adversary;
    private final Random rnd;
    private final List<Envelope> pool = new ArrayList<>();
    long forgedDelivered;
    long forgedAccepted;

    Run(Cluster cluster, Adversary adversary, Random rnd) {
      this.cluster = cluster;
      this.adversary = adversary;
      this.rnd = rnd;
    }

    /** Up to {@code count} deliveries picked at random, with loss, duplication and partitions. */
    void deliverRandomly(int count, Set<NodeId> cutOff) {
      for (int i = 0; i < count; i++) {
        pool.addAll(cluster.queue());
        cluster.queue().clear();
        if (pool.isEmpty()) {
          return;
        }
        Envelope e = pool.remove(rnd.nextInt(pool.size()));
        if (rnd.nextInt(10) == 0 || cutOff.contains(e.from()) != cutOff.contains(e.to())) {
          continue; // lost, or across the partition
        }
        if (rnd.nextInt(20) == 0) {
          pool.add(e); // duplicated
        }
        send(e);
      }
    }

    /** A healthy network: everything in flight, in order, until nothing is left. */
    void deliverInOrder() {
      pool.addAll(cluster.queue());
      cluster.queue().clear();
      int steps = 0;
      while (!pool.isEmpty()) {
        if (++steps > 200_000) {
          throw new IllegalStateException("message storm");
        }
        send(pool.remove(0));
        pool.addAll(cluster.queue());
        cluster.queue().clear();
      }
    }

    private void send(Envelope e) {
      boolean forged = false;
      if (adversary.controls(e.from())) {
        Adversary.Outcome out = adversary.rewrite(e);
        if (out.envelope() == null) {
          return;
        }
        e = out.envelope();
        forged = out.forged();
      }
      Node target = cluster.node(cluster.membership.indexOf(e.to()));
      if (!forged || adversary.controls(e.to()) || target.crashed) {
        cluster.deliver(e);
        return;
      }
      long droppedBefore = target.metrics.count("pbft.dropped");
      cluster.deliver(e);
      forgedDelivered++;
      if (target.metrics.count("pbft.dropped") == droppedBefore) {
        forgedAccepted++;
      }
    }
  }
}

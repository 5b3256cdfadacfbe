package io.consensio.bench.peers;

import io.consensio.bench.cluster.ClusterNode;
import io.consensio.bench.cluster.CommitTarget;
import io.consensio.bench.cluster.ConsensioTarget;
import io.consensio.bench.cluster.InProcessCluster;
import io.consensio.bench.cluster.ThroughputSettings;
import io.consensio.bench.cluster.TransactionFactory;
import java.util.Optional;

/**
 * A Consensio {@link InProcessCluster} loaded through its leader / primary with key/value writes
 * whose value has the entry size of the peers' opaque entries. For PBFT, a variant may set {@code
 * consensus.pbft.authentication} ({@code signatures} or {@code macs}) on top of the {@link
 * ThroughputSettings}.
 */
final class ConsensioContender implements Contender {
  private static final int CLIENTS = 64;

  private final String consensus;
  private final int nodes;
  private final int payloadBytes;
  private final boolean signed;
  private final Optional<String> authentication;
  private InProcessCluster cluster;
  private ConsensioTarget target;
  private ClusterNode entry;
  private TransactionFactory transactions;

  /**
   * @param signed Ed25519-signed transactions verified by every node; otherwise the chain's genesis
   *     turns signature checks off and the transactions are opaque
   */
  ConsensioContender(String consensus, int nodes, int payloadBytes, boolean signed) {
    this(consensus, nodes, payloadBytes, signed, Optional.empty());
  }

  /**
   * @param authentication the {@code authentication} key of the engine section (PBFT: {@code
   *     signatures} or {@code macs}); empty leaves the engine's default
   */
  ConsensioContender(
      String consensus,
      int nodes,
      int payloadBytes,
      boolean signed,
      Optional<String> authentication) {
    this.consensus = consensus;
    this.nodes = nodes;
    this.payloadBytes = payloadBytes;
    this.signed = signed;
    this.authentication = authentication;
  }

  @Override
  public String name() {
    return "Consensio " + consensus + authentication.map(a -> " (" + a + ")").orElse("");
  }

  @Override
  public String operation() {
    return (signed ? "signed" : "opaque (unsigned)") + " KvPut, " + payloadBytes + " B value";
  }

  @Override
  public int replicas() {
    return nodes;
  }

  @Override
  public void start() throws InterruptedException {
    var section = ThroughputSettings.engineSection(consensus);
    authentication.ifPresent(a -> section.put("authentication", a));
    cluster = InProcessCluster.start(consensus, nodes, CLIENTS, 42, signed, section);
    entry = cluster.entryNode(30_000);
    target = new ConsensioTarget(entry);
    transactions = new TransactionFactory(cluster.clientKeys(), payloadBytes, signed, 7);
  }

  @Override
  public CommitTarget prepare(int operations) {
    target.load(transactions.next(operations));
    return target;
  }

  @Override
  public String replicasCaughtUp(long operations, long timeoutMillis) throws InterruptedException {
    long target = -1;
    for (ClusterNode node : cluster.nodes()) {
      target = Math.max(target, node.finalizedHeight());
    }
    long deadline = System.currentTimeMillis() + timeoutMillis;
    int caughtUp;
    do {
      caughtUp = 0;
      for (ClusterNode node : cluster.nodes()) {
        if (node.finalizedHeight() >= target) {
          caughtUp++;
        }
      }
      if (caughtUp < nodes) {
        Thread.sleep(20);
      }
    } while (caughtUp < nodes && System.currentTimeMillis() < deadline);
    return caughtUp + "/" + nodes;
  }

  /** The entry node's role and term / view now, to tell a leader change from a slow run. */
  @Override
  public String state() {
    var status = target == null ? null : entry.status();
    return status == null
        ? ""
        : "entry "
            + entry.id()
            + " "
            + status.role()
            + ", "
            + status.roundName()
            + " "
            + status.round();
  }

  @Override
  public void close() {
    if (target != null) {
      target.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }
}

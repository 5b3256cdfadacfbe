package io.consensio.bench.cluster;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Committed (final) transactions per second of a whole in-process cluster: {@code nodes} real nodes
 * on loopback Netty with RocksDB in a temporary directory, running {@code consensus} with the
 * settings of {@link ThroughputSettings}. One invocation submits {@link #TXS_PER_INVOCATION}
 * pre-signed key/value writes of {@code payloadBytes} through the entry node (the leader or
 * primary, else the first node) with at most {@code window} in flight, and returns when all of them
 * are in final blocks on that node; the score is transactions per second, and the secondary result
 * {@code commitTransactions:blocks} ({@link FinalBlockCounter}) is final blocks per second on that
 * node over the same measured time.
 *
 * <p>{@code mode=opaque} (the default) starts the chain with signature checks off and sends
 * unsigned transactions, isolating the consensus and ledger cost; {@code mode=signed} signs in the
 * per-invocation setup, outside the measured time, and every node verifies every signature when it
 * admits a transaction, so that score includes verification.
 *
 * <p>The default parameters (every consensus type, 4 nodes, 256-byte values, opaque) take about
 * four minutes; choose others with {@code -p}, e.g. {@code -p consensus=raft,pbft -p nodes=3,4,7 -p
 * mode=signed,opaque}, or {@code -p consensus=dpos -p nodes=21} for 21 delegates (every node is a
 * genesis producer and DPoS elects up to 21).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx2g"})
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 2, time = 5)
@OperationsPerInvocation(ClusterThroughputBenchmark.TXS_PER_INVOCATION)
public class ClusterThroughputBenchmark {
  static final int TXS_PER_INVOCATION = 2_000;

  /** Enough funded senders that no sender has more than a few dozen transactions in flight. */
  static final int CLIENTS = 64;

  @Param({"raft", "pbft", "poa", "pow", "pos", "dpos"})
  public String consensus;

  @Param({"4"})
  public int nodes;

  @Param({"256"})
  public int payloadBytes;

  @Param({"1000"})
  public int window;

  /** {@code signed}: Ed25519-signed transactions, verified by every node; {@code opaque}. */
  @Param({"opaque"})
  public String mode;

  private InProcessCluster cluster;
  private ConsensioTarget target;
  private TransactionFactory transactions;
  private ClosedLoopDriver driver;

  @Setup(Level.Trial)
  public void startCluster() throws InterruptedException {
    boolean signed =
        switch (mode) {
          case "signed" -> true;
          case "opaque" -> false;
          default -> throw new IllegalArgumentException("mode must be signed or opaque: " + mode);
        };
    cluster = InProcessCluster.start(consensus, nodes, CLIENTS, 42, signed);
    target = new ConsensioTarget(cluster.entryNode(30_000));
    transactions = new TransactionFactory(cluster.clientKeys(), payloadBytes, signed, 7);
    driver = new ClosedLoopDriver(window);
  }

  @Setup(Level.Invocation)
  public void signNextTransactions() {
    target.load(transactions.next(TXS_PER_INVOCATION));
  }

  @Benchmark
  public LoadResult commitTransactions(FinalBlockCounter finalBlocks) throws InterruptedException {
    long heightBefore = target.finalHeight();
    LoadResult result = driver.run(target, TXS_PER_INVOCATION, 300);
    finalBlocks.countBetween(heightBefore, target.finalHeight());
    if (result.failed() > 0) {
      throw new IllegalStateException(consensus + ": transactions were refused: " + result);
    }
    return result;
  }

  @TearDown(Level.Trial)
  public void stopCluster() {
    if (target != null) {
      target.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }
}

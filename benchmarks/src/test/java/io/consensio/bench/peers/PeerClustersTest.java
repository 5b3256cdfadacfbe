package io.consensio.bench.peers;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.bench.cluster.ClosedLoopDriver;
import io.consensio.bench.cluster.LoadResult;
import io.consensio.bench.peers.bftsmart.BftSmartCluster;
import io.consensio.bench.peers.jraft.SofaJraftCluster;
import io.consensio.bench.peers.ratis.RatisCluster;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each peer library really replicates: every operation commits and every replica applies it. */
class PeerClustersTest {
  private static final int OPERATIONS = 200;
  private static final int ENTRY_BYTES = 256;

  @TempDir Path dir;

  private static void commitsAndEveryReplicaApplies(PeerCluster cluster) throws Exception {
    LibraryContender contender = new LibraryContender(cluster, ENTRY_BYTES);
    try (contender) {
      contender.start();
      LoadResult result =
          new ClosedLoopDriver(32).run(contender.prepare(OPERATIONS), OPERATIONS, 60);

      assertThat(result.committed()).isEqualTo(OPERATIONS);
      assertThat(contender.replicasCaughtUp(OPERATIONS, 20_000))
          .isEqualTo(cluster.replicas() + "/" + cluster.replicas());
      for (int i = 0; i < cluster.replicas(); i++) {
        assertThat(cluster.appliedBytes(i)).isEqualTo((long) OPERATIONS * ENTRY_BYTES);
      }
    }
  }

  @Test
  void sofaJraft() throws Exception {
    commitsAndEveryReplicaApplies(new SofaJraftCluster(3, dir, 64));
  }

  @Test
  void ratis() throws Exception {
    commitsAndEveryReplicaApplies(new RatisCluster(3, dir));
  }

  @Test
  void bftSmart() throws Exception {
    commitsAndEveryReplicaApplies(new BftSmartCluster(4, 2_000));
  }
}

package io.consensio.bench.peers;

import io.consensio.bench.cluster.CommitTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A peer library's cluster loaded with random opaque entries of a fixed size. */
final class LibraryContender implements Contender {
  private final PeerCluster cluster;
  private final int entryBytes;
  private final Random random = new Random(11);

  LibraryContender(PeerCluster cluster, int entryBytes) {
    this.cluster = cluster;
    this.entryBytes = entryBytes;
  }

  @Override
  public String name() {
    return cluster.name();
  }

  @Override
  public String operation() {
    return "opaque " + entryBytes + " B entry";
  }

  @Override
  public int replicas() {
    return cluster.replicas();
  }

  @Override
  public void start() throws Exception {
    cluster.start();
  }

  @Override
  public CommitTarget prepare(int operations) {
    List<byte[]> entries = new ArrayList<>(operations);
    for (int i = 0; i < operations; i++) {
      byte[] entry = new byte[entryBytes];
      random.nextBytes(entry);
      entries.add(entry);
    }
    return new EntriesTarget(cluster, entries);
  }

  @Override
  public String replicasCaughtUp(long operations, long timeoutMillis) throws InterruptedException {
    long expected = operations * entryBytes;
    long deadline = System.currentTimeMillis() + timeoutMillis;
    int caughtUp = 0;
    do {
      caughtUp = 0;
      for (int i = 0; i < cluster.replicas(); i++) {
        if (cluster.appliedBytes(i) >= expected) {
          caughtUp++;
        }
      }
      if (caughtUp < cluster.replicas()) {
        Thread.sleep(20);
      }
    } while (caughtUp < cluster.replicas() && System.currentTimeMillis() < deadline);
    return caughtUp + "/" + cluster.replicas();
  }

  @Override
  public void close() throws Exception {
    cluster.close();
  }
}

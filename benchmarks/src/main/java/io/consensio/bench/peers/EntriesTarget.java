package io.consensio.bench.peers;

import io.consensio.bench.cluster.CommitTarget;
import java.util.List;

/** Operation {@code i} is the i-th of a fixed list of opaque entries, sent to a peer cluster. */
final class EntriesTarget implements CommitTarget {
  private final PeerCluster cluster;
  private final List<byte[]> entries;

  EntriesTarget(PeerCluster cluster, List<byte[]> entries) {
    this.cluster = cluster;
    this.entries = entries;
  }

  @Override
  public void submit(int first, int count, Outcomes outcomes) {
    for (int i = first; i < first + count; i++) {
      cluster.submit(entries.get(i), i, outcomes);
    }
  }
}

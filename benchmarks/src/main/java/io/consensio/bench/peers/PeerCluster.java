package io.consensio.bench.peers;

import io.consensio.bench.cluster.CommitTarget;

/**
 * A peer library's replicated log, started in this JVM on loopback: entries are opaque byte arrays,
 * applied on every replica to a state machine that only counts the bytes it applied.
 *
 * <p>Threading: {@link #start}, {@link #close} and {@link #appliedBytes} from the driver thread;
 * {@link #submit} from the driver thread, with outcomes reported from the library's threads.
 */
public interface PeerCluster extends AutoCloseable {
  /** The name shown in the comparison table, with the library version. */
  String name();

  /** Starts every replica and waits until the cluster accepts writes. */
  void start() throws Exception;

  /** Submits {@code entry} as operation {@code index}; reports its outcome to {@code outcomes}. */
  void submit(byte[] entry, int index, CommitTarget.Outcomes outcomes);

  /** Bytes the state machine of {@code replica} applied so far. */
  long appliedBytes(int replica);

  /** Number of replicas. */
  int replicas();

  @Override
  void close() throws Exception;
}

package io.consensio.bench.peers;

import io.consensio.bench.cluster.CommitTarget;

/**
 * One system in the side-by-side comparison: started once, then loaded by several runs, each
 * prepared (transactions signed, entries generated) before its clock starts.
 */
interface Contender extends AutoCloseable {
  /** The name in the table. */
  String name();

  /** What an operation is, e.g. "signed 256 B KvPut" or "opaque 256 B entry". */
  String operation();

  int replicas();

  void start() throws Exception;

  /** The target for the next run of {@code operations} operations, prepared outside the clock. */
  CommitTarget prepare(int operations);

  /**
   * Waits up to {@code timeoutMillis} for every replica to have applied all {@code operations}
   * submitted so far and says how many did, e.g. "3/3".
   */
  String replicasCaughtUp(long operations, long timeoutMillis) throws InterruptedException;

  /** A short account of the system's state (e.g. leader and term), or empty. */
  default String state() {
    return "";
  }

  @Override
  void close() throws Exception;
}

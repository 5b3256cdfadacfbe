package io.consensio.bench.cluster;

/**
 * A replicated system a {@link ClosedLoopDriver} loads: operation {@code i} is the i-th entry the
 * target prepared (a signed transaction, an opaque byte array). The target reports each operation's
 * outcome exactly once, from any thread.
 */
public interface CommitTarget {
  /** Outcomes of operations, callable from any thread. */
  interface Outcomes {
    void committed(int index);

    void failed(int index, String reason);
  }

  /**
   * Submits operations {@code first .. first + count - 1}; returns without waiting for them to
   * commit. Called from the driver thread only.
   */
  void submit(int first, int count, Outcomes outcomes);
}

package io.consensio.api.services;

import io.consensio.api.types.Hash;
import io.consensio.api.types.Transaction;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;

/**
 * Admitted, signature-checked transactions waiting for a block.
 *
 * <p>{@link #takeBatch} hands an engine transactions to propose and keeps them "in flight" so the
 * next batch does not repeat them. They leave the mempool when a block containing them becomes
 * canonical; if the engine's proposal fails (a leader deposed, a view change) it gives them back
 * with {@link #requeue}. Called only on the event-loop thread.
 */
public interface Mempool {
  /**
   * Checks and admits a transaction (signature, nonce, balance, size, duplicates) and forwards it
   * to peers if new. Engines call it for transactions that reach them inside their own messages (a
   * Raft follower forwarding to its leader).
   */
  AdmitResult submit(Transaction tx);

  /**
   * Up to {@code maxTxs} transactions totalling at most {@code maxBytes} encoded bytes, in arrival
   * order and in nonce order per sender, that are executable one after the other on the head state.
   */
  List<Transaction> takeBatch(int maxTxs, int maxBytes);

  /** Returns in-flight transactions that did not make it into a canonical block. */
  void requeue(Collection<Transaction> transactions);

  boolean contains(Hash txId);

  /** Transactions waiting, in flight or not. */
  int size();

  /** Transactions ready to be taken. */
  int readyCount();

  /**
   * Context time at which the oldest transaction still in the mempool arrived, or empty. PBFT's
   * request timer reads it: a request waiting too long suspects the primary.
   */
  OptionalLong oldestArrivalMillis();
}

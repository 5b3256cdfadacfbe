package io.consensio.runtime.mempool;

import io.consensio.api.crypto.PublicKey;
import java.util.List;

/**
 * One sender's pending transactions by nonce. Entries below {@link #nextTake()} have been handed to
 * the engine and are in flight; the entry at {@code nextTake}, if present, is the sender's ready
 * transaction. Nonces make a sender's transactions a sequence, so readiness is a property of the
 * sender, not of each transaction.
 *
 * <p>Nearly all traffic is at the two ends: a new transaction extends the tail, the ready entry is
 * taken, a committed one leaves the head ({@link NonceSequence} makes those O(1), and answers a
 * nonce above the tail, the common admission check, without a search). The ready entry is also kept
 * at hand, so the arrival index's upkeep needs no lookup. Not thread-safe.
 */
final class SenderQueue {
  final PublicKey sender;
  private final NonceSequence byNonce = new NonceSequence();
  private long nextTake;

  /** {@code byNonce.get(nextTake)}, kept in step by every change of either. */
  private PoolEntry ready;

  SenderQueue(PublicKey sender, long stateNonce) {
    this.sender = sender;
    this.nextTake = stateNonce;
  }

  long nextTake() {
    return nextTake;
  }

  void setNextTake(long nonce) {
    if (nonce != nextTake) {
      nextTake = nonce;
      ready = byNonce.get(nonce);
    }
  }

  PoolEntry readyEntry() {
    return ready;
  }

  /** The entry with the highest nonce, or null when empty. */
  PoolEntry tail() {
    return byNonce.last();
  }

  long highestNonce() {
    PoolEntry tail = byNonce.last();
    return tail == null ? nextTake - 1 : tail.nonce();
  }

  boolean isEmpty() {
    return byNonce.isEmpty();
  }

  boolean holds(long nonce) {
    return byNonce.get(nonce) != null;
  }

  /** Adds {@code entry}; its nonce must not be held yet. */
  void put(PoolEntry entry) {
    long nonce = entry.nonce();
    byNonce.put(entry);
    if (nonce == nextTake) {
      ready = entry;
    }
  }

  void remove(long nonce) {
    byNonce.remove(nonce);
    if (nonce == nextTake) {
      ready = null;
    }
  }

  /** How many entries have nonces in [{@code fromInclusive}, {@code toExclusive}). */
  int countBetween(long fromInclusive, long toExclusive) {
    return byNonce.countBetween(fromInclusive, toExclusive);
  }

  /** The entries with nonces below {@code nonce}, lowest first (a copy). */
  List<PoolEntry> below(long nonce) {
    return byNonce.below(nonce);
  }
}

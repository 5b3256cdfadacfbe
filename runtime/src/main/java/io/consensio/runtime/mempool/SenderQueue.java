package io.consensio.runtime.mempool;

import io.consensio.api.crypto.PublicKey;
import java.util.TreeMap;

/**
 * One sender's pending transactions by nonce. Entries below {@code nextTake} have been handed to
 * the engine and are in flight; the entry at {@code nextTake}, if present, is the sender's ready
 * transaction. Nonces make a sender's transactions a sequence, so readiness is a property of the
 * sender, not of each transaction.
 */
final class SenderQueue {
  final PublicKey sender;
  final TreeMap<Long, PoolEntry> byNonce = new TreeMap<>();
  long nextTake;

  SenderQueue(PublicKey sender, long stateNonce) {
    this.sender = sender;
    this.nextTake = stateNonce;
  }

  PoolEntry readyEntry() {
    return byNonce.get(nextTake);
  }

  PoolEntry tail() {
    return byNonce.isEmpty() ? null : byNonce.lastEntry().getValue();
  }

  long highestNonce() {
    return byNonce.isEmpty() ? nextTake - 1 : byNonce.lastKey();
  }
}

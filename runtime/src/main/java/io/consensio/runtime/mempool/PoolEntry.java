package io.consensio.runtime.mempool;

import io.consensio.api.types.Transaction;

/** A transaction held by the mempool, with the order and time of its arrival. */
record PoolEntry(Transaction tx, long arrivalSequence, long arrivalMillis) {
  long fee() {
    return tx.fee();
  }

  long nonce() {
    return tx.nonce();
  }
}

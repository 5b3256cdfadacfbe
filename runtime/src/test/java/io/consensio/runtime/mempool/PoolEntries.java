package io.consensio.runtime.mempool;

import io.consensio.api.crypto.PublicKey;
import io.consensio.api.crypto.Signature;
import io.consensio.api.types.Transaction;
import io.consensio.api.types.TxPayload;

/** Pool entries for the data-structure tests: one sender, unsigned, only the nonce matters. */
final class PoolEntries {
  static final PublicKey SENDER = PublicKey.wrap(new byte[PublicKey.SIZE]);

  private PoolEntries() {}

  static PoolEntry entry(long nonce, long arrival) {
    Transaction tx =
        Transaction.of(
            SENDER,
            nonce,
            1,
            new TxPayload.KvPut(new byte[] {1}, new byte[] {2}),
            Signature.wrap(new byte[Signature.SIZE]));
    return new PoolEntry(tx, arrival, arrival);
  }
}

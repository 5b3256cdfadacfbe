package io.consensio.bench.cluster;

import io.consensio.api.crypto.Ed25519KeyPair;
import io.consensio.api.crypto.Signature;
import io.consensio.api.types.Transaction;
import io.consensio.api.types.TxPayload;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Pre-signs the transactions a load driver submits, so signing never competes with the cluster for
 * CPU while it is measured: key/value writes ({@link TxPayload.KvPut}) with a fresh 8-byte key and
 * a value of the configured size, from the funded clients in turn, each client's nonces in
 * sequence.
 *
 * <p>Not thread-safe: one driver thread creates batches.
 */
public final class TransactionFactory {
  private static final long FEE = 1;
  private static final Signature UNSIGNED = Signature.wrap(new byte[Signature.SIZE]);

  private final List<Ed25519KeyPair> clients;
  private final long[] nextNonce;
  private final int payloadBytes;
  private final boolean signed;
  private final Random random;
  private long nextKey;
  private int nextClient;

  /**
   * @param clients funded accounts that have sent nothing yet (their nonces start at 0)
   * @param payloadBytes size of each written value
   * @param signed sign each transaction; false leaves an all-zero signature, which only a chain
   *     whose genesis turns signature checks off ({@code verifyTransactionSignatures: false})
   *     accepts
   * @param seed drives the value bytes
   */
  public TransactionFactory(
      List<Ed25519KeyPair> clients, int payloadBytes, boolean signed, long seed) {
    if (clients.isEmpty()) {
      throw new IllegalArgumentException("need at least one funded client");
    }
    if (payloadBytes < 0 || payloadBytes > TxPayload.MAX_VALUE_BYTES) {
      throw new IllegalArgumentException(
          "payload must be 0.." + TxPayload.MAX_VALUE_BYTES + " bytes, got " + payloadBytes);
    }
    this.clients = List.copyOf(clients);
    this.nextNonce = new long[clients.size()];
    this.payloadBytes = payloadBytes;
    this.signed = signed;
    this.random = new Random(seed);
  }

  /** The next {@code count} transactions. */
  public List<Transaction> next(int count) {
    List<Transaction> batch = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int c = nextClient;
      nextClient = (nextClient + 1) % clients.size();
      byte[] value = new byte[payloadBytes];
      random.nextBytes(value);
      byte[] key = ByteBuffer.allocate(Long.BYTES).putLong(nextKey++).array();
      TxPayload payload = new TxPayload.KvPut(key, value);
      Ed25519KeyPair sender = clients.get(c);
      batch.add(
          signed
              ? Transaction.sign(sender, nextNonce[c]++, FEE, payload)
              : Transaction.of(sender.publicKey(), nextNonce[c]++, FEE, payload, UNSIGNED));
    }
    return batch;
  }
}

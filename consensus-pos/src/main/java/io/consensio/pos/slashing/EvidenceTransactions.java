package io.consensio.pos.slashing;

import io.consensio.api.codec.DecodingException;
import io.consensio.api.crypto.Signer;
import io.consensio.api.types.Transaction;
import io.consensio.api.types.TxPayload;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * How slashing evidence reaches the chain while the ledger has no evidence transaction: as a
 * key/value write under a reserved key, signed by the reporter. Because it is a transaction, the
 * evidence is covered by the block's transaction root and therefore by the block id, so every node
 * that holds the block holds the same evidence; the ledger executes it as an ordinary write (nonce,
 * fee), and the engine applies its meaning: a block carrying evidence that does not verify is
 * invalid, and a block carrying valid evidence slashes the offender for its descendants.
 */
public final class EvidenceTransactions {
  /** The reserved key; writes under it by any account are read as evidence. */
  public static final byte[] KEY = "consensio/pos/evidence".getBytes(StandardCharsets.US_ASCII);

  private EvidenceTransactions() {}

  public static Transaction sign(Signer reporter, long nonce, Evidence evidence) {
    return Transaction.sign(reporter, nonce, 0, new TxPayload.KvPut(KEY, evidence.encode()));
  }

  /** True for a write under the reserved key, whatever its value. */
  public static boolean isEvidence(Transaction tx) {
    return tx.payload() instanceof TxPayload.KvPut put && Arrays.equals(put.key(), KEY);
  }

  /**
   * The evidence carried by {@code tx}, empty for ordinary transactions.
   *
   * @throws DecodingException when {@code tx} writes the reserved key with malformed evidence
   */
  public static Optional<Evidence> parse(Transaction tx) {
    if (!isEvidence(tx)) {
      return Optional.empty();
    }
    return Optional.of(Evidence.decode(((TxPayload.KvPut) tx.payload()).value()));
  }
}

package io.consensio.dpos.evidence;

import io.consensio.api.codec.DecodingException;
import io.consensio.api.crypto.Signer;
import io.consensio.api.types.Transaction;
import io.consensio.api.types.TxPayload;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Carries double-production evidence inside a block's transactions until the ledger has an evidence
 * transaction of its own.
 *
 * <p>Why a transaction and not the seal: the block id covers the transaction root but not the seal,
 * so evidence in a seal could differ between two copies of one block, and nodes holding different
 * copies would penalise different delegates and split. Carried in a {@link TxPayload.KvPut} under
 * {@link #KEY}, evidence is part of the block id and the ledger stores it like any write; every
 * node reads the same evidence from the same block. Anyone may carry evidence (it proves itself),
 * so a sender's identity does not matter; writes under {@link #KEY} that do not decode to valid
 * evidence are ignored, never a reason to refuse a block.
 */
public final class EvidenceCarrier {
  public static final byte[] KEY = "consensio/dpos/evidence".getBytes(StandardCharsets.UTF_8);

  private EvidenceCarrier() {}

  /** A zero-fee write of {@code evidence} from {@code signer}'s account at {@code nonce}. */
  public static Transaction carry(Signer signer, long nonce, DoubleProduction evidence) {
    return Transaction.sign(signer, nonce, 0, new TxPayload.KvPut(KEY, evidence.encode()));
  }

  /** The evidence a transaction carries, if it is a well-formed carrier (not yet verified). */
  public static Optional<DoubleProduction> read(Transaction tx) {
    if (!(tx.payload() instanceof TxPayload.KvPut put) || !Arrays.equals(put.key(), KEY)) {
      return Optional.empty();
    }
    try {
      return Optional.of(DoubleProduction.decode(put.value()));
    } catch (DecodingException e) {
      return Optional.empty();
    }
  }
}

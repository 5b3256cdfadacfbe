package io.consensio.sim.byzantine;

import io.consensio.api.crypto.PublicKey;
import io.consensio.api.crypto.Signature;
import io.consensio.api.crypto.Verifier;

/**
 * A node's verifier as the {@link ForgeryLedger} sees it: every signature that verifies is recorded
 * (so the forger knows which bytes in a message are signatures), and a refusal is remembered until
 * the next {@link #resetRefusals()} (so a forged delivery that the engine checked counts as
 * rejected). The answer is always the real verifier's. Single-threaded.
 */
final class AccountingVerifier implements Verifier {
  private final Verifier real;
  private final ForgeryLedger ledger;
  private long refusals;

  AccountingVerifier(Verifier real, ForgeryLedger ledger) {
    this.real = real;
    this.ledger = ledger;
  }

  @Override
  public boolean verify(PublicKey key, byte[] message, Signature signature) {
    boolean valid = real.verify(key, message, signature);
    if (valid) {
      ledger.recordValidSignature(signature.toBytes());
    } else {
      refusals++;
    }
    return valid;
  }

  void resetRefusals() {
    refusals = 0;
  }

  boolean refusedSinceReset() {
    return refusals > 0;
  }
}

package io.consensio.sim.byzantine;

import java.util.List;
import java.util.Random;

/**
 * Makes forged copies of consensus messages without knowing any engine's wire format: it looks for
 * 64 consecutive bytes that some node of the run verified as a valid Ed25519 signature and flips
 * one bit among them. The copy therefore claims the same signer over the same content, with a
 * signature that does not verify (Ed25519 is strongly unforgeable: RFC 8032 §5.1.7 rejects any
 * other bytes).
 *
 * <p>A byzantine node's newest message usually carries a signature nobody has verified yet (it was
 * signed a moment ago), so the forger falls back to its recent messages, whose signatures its peers
 * have verified since: a forged copy of an earlier message, which is also how a replayed vote with
 * a tampered signature looks. Single-threaded.
 */
final class SignatureForger {
  private static final int SIGNATURE_BYTES = 64;

  private final ForgeryLedger ledger;
  private final Random random;

  SignatureForger(ForgeryLedger ledger, Random random) {
    this.ledger = ledger;
    this.random = random;
  }

  /**
   * Forges a copy of {@code current} or, failing that, of the newest of {@code recent} that carries
   * a known signature, records it in the ledger and returns it; null when none carries one.
   */
  byte[] forge(byte[] current, List<byte[]> recent) {
    byte[] forged = forgeOne(current);
    for (int i = recent.size() - 1; forged == null && i >= 0; i--) {
      forged = forgeOne(recent.get(i));
    }
    return forged;
  }

  private byte[] forgeOne(byte[] payload) {
    for (int offset = 0; offset + SIGNATURE_BYTES <= payload.length; offset++) {
      if (ledger.isValidSignatureAt(payload, offset)) {
        byte[] copy = payload.clone();
        int bit = random.nextInt(SIGNATURE_BYTES * 8);
        copy[offset + bit / 8] ^= (byte) (1 << (bit % 8));
        ledger.recordForgedSent(
            copy, java.util.Arrays.copyOfRange(copy, offset, offset + SIGNATURE_BYTES));
        return copy;
      }
    }
    return null;
  }
}

package io.consensio.sim.byzantine;

import io.consensio.api.types.NodeId;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The simulation's own accounting of forged messages, so that "forged messages accepted" is a
 * measured figure rather than a claim.
 *
 * <p>Definitions. A <em>forged message</em> is a consensus message in which the adversary flipped
 * one bit inside an Ed25519 signature that some node of the run had verified as valid (the sender's
 * own signature, or one carried in a certificate): the copy claims the same signer over the same
 * content with a signature that does not verify. An honest node <em>accepted</em> a forged message
 * when the flipped signature later shows up in what that node keeps or says: a block of its
 * canonical chain, or a consensus message it sends. That is what acting on a message amounts to for
 * a signature: counting a vote puts it in a certificate, importing a block keeps it, relaying a
 * proposal passes it on. Each (honest node, forged signature) pair counts once.
 *
 * <p>For each delivery the ledger also records how the engine answered: its verifier refused a
 * signature, it counted a discard (a counter named {@code dropped}, {@code rejected}, {@code
 * duplicate}, {@code refused}, {@code invalid} or {@code error} rose), or it ignored the message
 * without either (typically a stale or already-known message turned away before any signature
 * check, which is cheap and harmless, but uncounted).
 *
 * <p>Threading: single-threaded, like the simulation.
 */
public final class ForgeryLedger {
  /** Descriptions kept of accepted forgeries; later ones are still counted. */
  public static final int MAX_KEPT = 20;

  private static final int SIGNATURE_BYTES = 64;
  private static final int MAX_KNOWN_SIGNATURES = 200_000;

  private final Set<ByteBuffer> validSignatures = new HashSet<>();
  private final Set<ByteBuffer> forgedSignatures = new HashSet<>();
  private final Set<Long> forgedPrefixes = new HashSet<>();
  private final Set<ByteBuffer> forgedPayloads = new HashSet<>();
  private final Set<String> acceptedPairs = new HashSet<>();
  private final List<String> accepted = new ArrayList<>();
  private long sent;
  private long delivered;
  private long refusedBySignature;
  private long droppedAndCounted;
  private long ignoredUncounted;

  /** A verifier somewhere answered true for these signature bytes (kept, not copied). */
  void recordValidSignature(byte[] signature) {
    if (validSignatures.size() < MAX_KNOWN_SIGNATURES) {
      validSignatures.add(ByteBuffer.wrap(signature));
    }
  }

  /** True when {@code payload[offset, offset+64)} is a signature some node verified as valid. */
  boolean isValidSignatureAt(byte[] payload, int offset) {
    return validSignatures.contains(ByteBuffer.wrap(payload, offset, SIGNATURE_BYTES).slice());
  }

  void recordForgedSent(byte[] payload, byte[] forgedSignature) {
    forgedPayloads.add(ByteBuffer.wrap(payload.clone()));
    forgedSignatures.add(ByteBuffer.wrap(forgedSignature.clone()));
    forgedPrefixes.add(ByteBuffer.wrap(forgedSignature).getLong());
    sent++;
  }

  boolean isForged(byte[] payload) {
    return !forgedPayloads.isEmpty() && forgedPayloads.contains(ByteBuffer.wrap(payload));
  }

  /** How an honest engine answered a forged message delivered to it. */
  enum Answer {
    REFUSED_SIGNATURE,
    DROPPED_AND_COUNTED,
    IGNORED_UNCOUNTED
  }

  void recordDelivery(Answer answer) {
    delivered++;
    switch (answer) {
      case REFUSED_SIGNATURE -> refusedBySignature++;
      case DROPPED_AND_COUNTED -> droppedAndCounted++;
      case IGNORED_UNCOUNTED -> ignoredUncounted++;
    }
  }

  /**
   * Looks for forged signatures in bytes an honest node keeps or sends and counts each new (node,
   * signature) pair as an accepted forgery.
   */
  public void scan(NodeId node, byte[] bytes, String where) {
    if (forgedSignatures.isEmpty()) {
      return;
    }
    ByteBuffer view = ByteBuffer.wrap(bytes);
    for (int offset = 0; offset + SIGNATURE_BYTES <= bytes.length; offset++) {
      if (forgedPrefixes.contains(view.getLong(offset))) {
        ByteBuffer signature = ByteBuffer.wrap(bytes, offset, SIGNATURE_BYTES).slice();
        if (forgedSignatures.contains(signature)
            && acceptedPairs.add(
                node
                    + "/"
                    + java.util.HexFormat.of().formatHex(bytes, offset, offset + SIGNATURE_BYTES))
            && accepted.size() < MAX_KEPT) {
          accepted.add(node + " took in a forged signature: found in " + where);
        }
      }
    }
  }

  /** True once any forged message was sent, so scanning can be skipped before. */
  public boolean anyForged() {
    return !forgedSignatures.isEmpty();
  }

  /** Forged copies the byzantine nodes sent. */
  public long sent() {
    return sent;
  }

  /** Forged copies that reached an honest node's handler. */
  public long delivered() {
    return delivered;
  }

  public long refusedBySignature() {
    return refusedBySignature;
  }

  public long droppedAndCounted() {
    return droppedAndCounted;
  }

  public long ignoredUncounted() {
    return ignoredUncounted;
  }

  /** Forged signatures honest nodes kept or passed on (see the class comment). Must be 0. */
  public long accepted() {
    return acceptedPairs.size();
  }

  public List<String> acceptedDescriptions() {
    return List.copyOf(accepted);
  }
}

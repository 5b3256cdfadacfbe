package io.consensio.pbft.messages;

import io.consensio.api.Membership;
import io.consensio.api.codec.CanonicalWriter;
import io.consensio.api.crypto.Signature;
import io.consensio.api.crypto.Signer;
import io.consensio.api.crypto.Verifier;
import io.consensio.api.types.NodeId;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A message with its claimed sender and that sender's signature over the domain tag, the type tag,
 * the body and the sender id. Every message but a {@code macs}-mode PRE-PREPARE ({@link
 * MacPrePrepare}) is signed, as in the OSDI'99 paper, so that it can be relayed inside VIEW-CHANGE,
 * NEW-VIEW, prepared and commit certificates and still be checked by anyone.
 *
 * <p>A PRE-PREPARE is signed over ⟨PRE-PREPARE, v, n, d⟩ only and its block is piggybacked
 * unsigned, as in OSDI'99 §4.2: the signature does not vouch for the block, so whoever verifies a
 * signed PRE-PREPARE must also check that the block is d's ({@link PrePrepare#bindsBlock}) before
 * using it. The domain tag {@code consensio/pbft/v2} names this rule (v1 signed the whole block).
 * Immutable.
 */
public record Signed<T extends PbftMessage>(T message, NodeId sender, Signature signature)
    implements Authenticated<T> {
  private static final byte[] DOMAIN = "consensio/pbft/v2".getBytes(StandardCharsets.US_ASCII);

  public Signed {
    Objects.requireNonNull(message);
    Objects.requireNonNull(sender);
    Objects.requireNonNull(signature);
  }

  public static <T extends PbftMessage> Signed<T> sign(T message, NodeId sender, Signer signer) {
    return new Signed<>(message, sender, signer.sign(signingBytes(message, sender)));
  }

  /**
   * The bytes a sender signs: domain, type tag, signed body ({@link PbftMessage#writeSignedBody}:
   * for a PRE-PREPARE ⟨v, n, d⟩ without the block), sender id.
   */
  public static byte[] signingBytes(PbftMessage message, NodeId sender) {
    CanonicalWriter w = new CanonicalWriter(128);
    w.writeFixed(DOMAIN);
    w.writeByte(message.type().tag());
    message.writeSignedBody(w);
    sender.write(w);
    return w.toByteArray();
  }

  /** True when the sender is a member and the signature verifies under its membership key. */
  public boolean verify(Membership membership, Verifier verifier) {
    return membership
        .member(sender)
        .map(m -> verifier.verify(m.publicKey(), signingBytes(message, sender), signature))
        .orElse(false);
  }

  public void write(CanonicalWriter w) {
    w.writeByte(message.type().tag());
    message.writeBody(w);
    sender.write(w);
    signature.write(w);
  }

  @Override
  public byte[] encode() {
    CanonicalWriter w = new CanonicalWriter(256);
    write(w);
    return w.toByteArray();
  }
}

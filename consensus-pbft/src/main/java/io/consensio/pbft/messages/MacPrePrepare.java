package io.consensio.pbft.messages;

import io.consensio.api.codec.CanonicalReader;
import io.consensio.api.codec.CanonicalWriter;
import io.consensio.api.types.NodeId;
import io.consensio.pbft.auth.PairwiseMacs;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * ⟨PRE-PREPARE, v, n, d⟩_{α_p} with the block: a pre-prepare authenticated by an authenticator α —
 * one MAC per replica, in membership order, the sender's own entry empty — instead of a signature
 * (Castro and Liskov, TOCS'02 §4, "authenticators", which their BFT library uses in the normal
 * case). Each tag covers the domain, the type, v, n, d and the sender, not the block: a receiver
 * accepts the block only if its id is d and its transaction root is consistent, so d binds the
 * block just as the paper's MACs over the request digest bind the request. The tag for a receiver
 * is computed with the key of the (sender → receiver) direction only, so a tag copied into another
 * receiver's entry does not verify there. Immutable.
 */
public record MacPrePrepare(PrePrepare message, NodeId sender, List<byte[]> tags)
    implements Authenticated<PrePrepare> {
  /** The first byte of an encoded MAC-authenticated frame; no message type uses it. */
  public static final int MARKER = 0x80;

  private static final byte[] DOMAIN = "consensio/pbft/mac/v1".getBytes(StandardCharsets.US_ASCII);

  public MacPrePrepare {
    Objects.requireNonNull(message);
    Objects.requireNonNull(sender);
    List<byte[]> copy = new ArrayList<>(tags.size());
    for (byte[] tag : tags) {
      copy.add(tag.clone());
    }
    tags = List.copyOf(copy);
  }

  /** The bytes every tag of the authenticator covers. */
  public static byte[] macBytes(PrePrepare pp, NodeId sender) {
    CanonicalWriter w = new CanonicalWriter(128);
    w.writeFixed(DOMAIN);
    w.writeByte(pp.type().tag());
    w.writeLong(pp.view());
    w.writeLong(pp.seq());
    pp.digest().write(w);
    sender.write(w);
    return w.toByteArray();
  }

  /** The tag addressed to the member at {@code index}, or an empty array if there is none. */
  public byte[] tagFor(int index) {
    return index >= 0 && index < tags.size() ? tags.get(index).clone() : new byte[0];
  }

  @Override
  public byte[] encode() {
    CanonicalWriter w = new CanonicalWriter(256);
    w.writeByte(MARKER);
    message.writeBody(w);
    sender.write(w);
    w.writeList(tags, CanonicalWriter::writeBytes);
    return w.toByteArray();
  }

  /** Reads the frame after its {@link #MARKER}. */
  static MacPrePrepare read(CanonicalReader r) {
    PrePrepare pp = PrePrepare.read(r);
    NodeId sender = NodeId.read(r);
    List<byte[]> tags =
        r.readList(MessageCodec.MAX_REPLICAS, x -> x.readBytes(PairwiseMacs.TAG_BYTES));
    return new MacPrePrepare(pp, sender, tags);
  }
}

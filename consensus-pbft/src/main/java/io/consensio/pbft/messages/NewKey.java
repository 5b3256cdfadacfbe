package io.consensio.pbft.messages;

import io.consensio.api.codec.CanonicalReader;
import io.consensio.api.codec.CanonicalWriter;
import java.util.Arrays;

/**
 * ⟨NEW-KEY, k, i⟩_{σ_i}: replica i announces, signed, the X25519 public key from which every peer
 * derives the pair's MAC keys (the NEW-KEY message of TOCS'02 §5, proactive recovery, where it
 * carries fresh keys encrypted for each receiver; here a Diffie-Hellman public key, so nothing
 * secret travels). A replica's key is a deterministic function of its signing key, so it never
 * changes and a replayed NEW-KEY announces the same key: the paper's timestamp against replay is
 * not needed. {@code replyWanted} asks every receiver to answer with its own NEW-KEY, which a
 * replica that starts (or restarts, having lost the keys it learned) sets to learn its peers' keys
 * at once. Immutable.
 */
public record NewKey(byte[] macPublicKey, boolean replyWanted) implements PbftMessage {
  /** An X25519 public key has 32 bytes. */
  public static final int KEY_BYTES = 32;

  public NewKey {
    if (macPublicKey.length != KEY_BYTES) {
      throw new IllegalArgumentException(
          "an X25519 public key has " + KEY_BYTES + " bytes, got " + macPublicKey.length);
    }
    macPublicKey = macPublicKey.clone();
  }

  @Override
  public byte[] macPublicKey() {
    return macPublicKey.clone();
  }

  @Override
  public MessageType type() {
    return MessageType.NEW_KEY;
  }

  @Override
  public void writeBody(CanonicalWriter w) {
    w.writeFixed(macPublicKey);
    w.writeBoolean(replyWanted);
  }

  static NewKey read(CanonicalReader r) {
    return new NewKey(r.readFixed(KEY_BYTES), r.readBoolean());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NewKey other
        && replyWanted == other.replyWanted
        && Arrays.equals(macPublicKey, other.macPublicKey);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(macPublicKey) + Boolean.hashCode(replyWanted);
  }

  @Override
  public String toString() {
    return "NewKey[replyWanted=" + replyWanted + "]";
  }
}

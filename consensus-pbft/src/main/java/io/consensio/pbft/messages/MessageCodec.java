package io.consensio.pbft.messages;

import io.consensio.api.codec.CanonicalReader;
import io.consensio.api.codec.DecodingException;
import io.consensio.api.crypto.Signature;
import io.consensio.api.types.NodeId;

/**
 * Strict decoding of PBFT messages: exactly one signed message, no trailing bytes, every list
 * bounded, nested messages of the expected type only. Any violation raises {@link
 * DecodingException}; signature and membership checks are the caller's job. Stateless and
 * thread-safe.
 */
public final class MessageCodec {
  /** Upper bound on replicas listed in one proof; larger memberships are not supported. */
  public static final int MAX_REPLICAS = 1024;

  /** Upper bound on sequence numbers covered by one VIEW-CHANGE or NEW-VIEW. */
  public static final int MAX_WINDOW = 10_000;

  /** Frames above this are refused before parsing. */
  public static final int MAX_MESSAGE_BYTES = 256 * 1024 * 1024;

  private MessageCodec() {}

  /**
   * Decodes one frame: a {@link Signed} message or, when it starts with {@link
   * MacPrePrepare#MARKER}, a MAC-authenticated pre-prepare.
   */
  public static Authenticated<? extends PbftMessage> decode(byte[] bytes) {
    if (bytes.length > MAX_MESSAGE_BYTES) {
      throw new DecodingException("pbft message of " + bytes.length + " bytes is too large");
    }
    CanonicalReader r = new CanonicalReader(bytes);
    Authenticated<? extends PbftMessage> envelope;
    if (bytes.length > 0 && (bytes[0] & 0xff) == MacPrePrepare.MARKER) {
      r.readByte();
      envelope = MacPrePrepare.read(r);
    } else {
      envelope = readSigned(r);
    }
    r.finish();
    return envelope;
  }

  static Signed<? extends PbftMessage> readSigned(CanonicalReader r) {
    MessageType type = MessageType.ofTag(r.readByte());
    PbftMessage body =
        switch (type) {
          case PRE_PREPARE -> PrePrepare.read(r);
          case PREPARE -> Prepare.read(r);
          case COMMIT -> Commit.read(r);
          case CHECKPOINT -> Checkpoint.read(r);
          case VIEW_CHANGE -> ViewChange.read(r);
          case NEW_VIEW -> NewView.read(r);
          case STATE_REQUEST -> StateRequest.read(r);
          case STATE_RESPONSE -> StateResponse.read(r);
          case STATUS -> Status.read(r);
          case NEW_KEY -> NewKey.read(r);
          case BLOCK_REQUEST -> BlockRequest.read(r);
          case BLOCK_RESPONSE -> BlockResponse.read(r);
        };
    NodeId sender = NodeId.read(r);
    Signature signature = Signature.read(r);
    return new Signed<>(body, sender, signature);
  }

  /** Decodes exactly one signed message that must be of type {@code expected}. */
  public static <T extends PbftMessage> Signed<T> decodeAs(byte[] bytes, Class<T> expected) {
    CanonicalReader r = new CanonicalReader(bytes);
    Signed<T> signed = readSigned(r, expected);
    r.finish();
    return signed;
  }

  /** Reads one signed message nested in a larger record; it must be of type {@code expected}. */
  public static <T extends PbftMessage> Signed<T> readSigned(CanonicalReader r, Class<T> expected) {
    Signed<? extends PbftMessage> signed = readSigned(r);
    if (!expected.isInstance(signed.message())) {
      throw new DecodingException(
          "expected a nested " + expected.getSimpleName() + ", got " + signed.message().type());
    }
    @SuppressWarnings("unchecked")
    Signed<T> typed = (Signed<T>) signed;
    return typed;
  }
}

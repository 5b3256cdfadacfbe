package io.consensio.pbft.messages;

import io.consensio.api.codec.DecodingException;

/** The one-byte tag that starts every encoded PBFT message. */
public enum MessageType {
  PRE_PREPARE(1),
  PREPARE(2),
  COMMIT(3),
  CHECKPOINT(4),
  VIEW_CHANGE(5),
  NEW_VIEW(6),
  STATE_REQUEST(7),
  STATE_RESPONSE(8),
  STATUS(9),
  NEW_KEY(10),
  BLOCK_REQUEST(11),
  BLOCK_RESPONSE(12);

  private final int tag;

  MessageType(int tag) {
    this.tag = tag;
  }

  public int tag() {
    return tag;
  }

  /** The metric tag value, e.g. {@code pre-prepare}. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  static MessageType ofTag(int tag) {
    for (MessageType type : values()) {
      if (type.tag == tag) {
        return type;
      }
    }
    throw new DecodingException("unknown pbft message tag " + tag);
  }
}

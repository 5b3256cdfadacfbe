package io.consensio.pbft.messages;

import io.consensio.api.codec.CanonicalWriter;

/**
 * The closed set of PBFT messages (Castro and Liskov, OSDI'99 §4). Every message travels inside a
 * {@link Signed} envelope; {@link MessageCodec} is the one place that turns bytes into messages.
 * Records are immutable and thread-safe.
 */
public sealed interface PbftMessage
    permits PrePrepare,
        Prepare,
        Commit,
        Checkpoint,
        ViewChange,
        NewView,
        StateRequest,
        StateResponse,
        Status,
        NewKey,
        BlockRequest,
        BlockResponse {

  MessageType type();

  /** Writes the fields (not the type tag) in the canonical encoding. */
  void writeBody(CanonicalWriter writer);

  /**
   * Writes the fields a {@link Signed} envelope's signature covers: the whole body, except for a
   * PRE-PREPARE, whose request travels unsigned next to its digest (OSDI'99 §4.2).
   */
  default void writeSignedBody(CanonicalWriter writer) {
    writeBody(writer);
  }
}

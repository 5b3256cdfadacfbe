package io.consensio.raft.harness;

import io.consensio.api.types.NodeId;
import io.consensio.raft.messages.RaftCodec;
import io.consensio.raft.messages.RaftMessage;

/** One message on the test network. */
public record Envelope(NodeId from, NodeId to, byte[] payload) {
  /** The decoded message, or null for bytes that do not decode. */
  public RaftMessage message() {
    try {
      return RaftCodec.decode(payload);
    } catch (RuntimeException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return from + "->" + to + " " + message();
  }
}

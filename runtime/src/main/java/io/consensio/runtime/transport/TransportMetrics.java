package io.consensio.runtime.transport;

/**
 * Metric names and reason tags the transport reports. Tags only ever carry these constants or
 * configured peer ids, never names a remote party chose, so a hostile peer cannot blow up the
 * metrics' cardinality.
 */
final class TransportMetrics {
  static final String DROPPED = "transport.dropped";
  static final String MALFORMED = "transport.malformed";
  static final String OVERSIZED = "transport.oversized";
  static final String REFUSED = "transport.refused";
  static final String AUTHENTICATED = "transport.authenticated";
  static final String HANDLER_FAILED = "transport.handler.failed";
  static final String INBOUND_PAUSED = "transport.inbound.paused";
  static final String INBOUND_PENDING_BYTES = "transport.inbound.pending.bytes";
  static final String QUEUED_BYTES = "transport.outbound.queued.bytes";
  static final String QUEUED_MESSAGES = "transport.outbound.queued.messages";
  static final String CONNECTED = "transport.peer.connected";
  // what the node queued for its peers (one per recipient, so a broadcast counts once per peer),
  // tagged by channel: what benchmarks divide by committed transactions
  static final String SENT_MESSAGES = "transport.sent.messages";
  static final String SENT_BYTES = "transport.sent.bytes";
  static final String CHANNEL = "channel";

  static final String REASON = "reason";

  // transport.dropped reasons
  static final String QUEUE_FULL = "queue-full";
  static final String UNKNOWN_PEER = "unknown-peer";
  static final String UNKNOWN_CHANNEL = "unknown-channel";
  static final String TOO_LARGE = "too-large";
  static final String CONNECTION_LOST = "connection-lost";
  static final String EXECUTOR_REJECTED = "executor-rejected";

  // transport.refused reasons (UNKNOWN_PEER is shared)
  static final String PROTOCOL_VERSION = "protocol-version";
  static final String NETWORK_MISMATCH = "network-mismatch";
  static final String CONSENSUS_MISMATCH = "consensus-mismatch";
  static final String SELF_CONNECTION = "self-connection";
  static final String WRONG_PEER = "wrong-peer";
  static final String BAD_SIGNATURE = "bad-signature";
  static final String HANDSHAKE_TIMEOUT = "handshake-timeout";

  // transport.malformed reasons
  static final String HANDSHAKE_DECODE = "handshake-decode";
  static final String UNEXPECTED_HANDSHAKE_MESSAGE = "unexpected-handshake-message";
  static final String EMPTY_FRAME = "empty-frame";
  static final String UNEXPECTED_FRAME = "unexpected-frame";
  static final String FRAMING = "framing";

  private TransportMetrics() {}
}

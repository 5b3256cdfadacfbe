package io.consensio.pbft.messages;

import io.consensio.api.types.NodeId;

/**
 * How a PBFT message is authenticated on the wire: a {@link Signed} envelope (an Ed25519 signature
 * anyone holding the membership can check, so the message can be relayed inside certificates) or,
 * for PRE-PREPARE in {@code macs} mode, a {@link MacPrePrepare} (an authenticator: one MAC per
 * receiver, TOCS'02 §4). {@link MessageCodec#decode} returns one of the two. Immutable.
 */
public sealed interface Authenticated<T extends PbftMessage> permits Signed, MacPrePrepare {
  T message();

  /** The claimed sender; the receiver checks it against the authenticated peer and the tag. */
  NodeId sender();

  byte[] encode();
}

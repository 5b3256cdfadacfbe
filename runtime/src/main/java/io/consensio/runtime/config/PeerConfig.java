package io.consensio.runtime.config;

import io.consensio.api.crypto.PublicKey;
import io.consensio.api.types.NodeId;
import java.util.Objects;

/**
 * One entry of the {@code peers} list: a member of the network, where to reach it, and the key it
 * must prove it holds during the transport handshake.
 */
public record PeerConfig(NodeId id, HostPort address, PublicKey publicKey) {
  public PeerConfig {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(publicKey, "publicKey");
  }
}

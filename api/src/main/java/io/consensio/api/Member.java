package io.consensio.api;

import io.consensio.api.crypto.PublicKey;
import io.consensio.api.types.NodeId;
import java.util.Objects;

/**
 * A node in the membership: its name, the key it proves in the handshake and signs with, and its
 * voting weight (1 unless the configuration says otherwise).
 */
public record Member(NodeId id, PublicKey publicKey, long weight) {
  public Member {
    Objects.requireNonNull(id);
    Objects.requireNonNull(publicKey);
    if (weight <= 0) {
      throw new IllegalArgumentException("member weight must be positive: " + id);
    }
  }

  public Member(NodeId id, PublicKey publicKey) {
    this(id, publicKey, 1);
  }
}

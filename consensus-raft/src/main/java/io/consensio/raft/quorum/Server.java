package io.consensio.raft.quorum;

import io.consensio.api.codec.CanonicalReader;
import io.consensio.api.codec.CanonicalWriter;
import io.consensio.api.codec.DecodingException;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.types.NodeId;
import java.util.Objects;

/**
 * One server of a Raft configuration (thesis §4.1: configuration entries name the servers): its id,
 * the key it proves in the transport handshake, and the address its peers dial. The address is
 * carried in the log so that every node can reach a server added at run time; it is empty for the
 * founding members, whose addresses each node's configuration file lists. Immutable.
 */
public record Server(NodeId id, PublicKey publicKey, String address) {
  /** Longest address accepted ({@code host:port}; a DNS name is at most 253 characters). */
  public static final int MAX_ADDRESS_CHARS = 260;

  public Server {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(publicKey, "publicKey");
    Objects.requireNonNull(address, "address");
    if (address.length() > MAX_ADDRESS_CHARS) {
      throw new IllegalArgumentException(
          "address longer than " + MAX_ADDRESS_CHARS + " characters");
    }
  }

  /** A founding member: its address comes from each node's configuration file. */
  public static Server founding(NodeId id, PublicKey publicKey) {
    return new Server(id, publicKey, "");
  }

  void write(CanonicalWriter w) {
    id.write(w);
    publicKey.write(w);
    w.writeString(address);
  }

  static Server read(CanonicalReader r) {
    NodeId id = NodeId.read(r);
    PublicKey key = PublicKey.read(r);
    String address = r.readString(MAX_ADDRESS_CHARS);
    try {
      return new Server(id, key, address);
    } catch (IllegalArgumentException e) {
      throw new DecodingException("invalid server: " + e.getMessage());
    }
  }
}

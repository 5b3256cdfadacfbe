package io.consensio.runtime.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.consensio.api.Membership;
import io.consensio.api.crypto.Ed25519KeyPair;
import io.consensio.api.types.NodeId;
import io.consensio.runtime.ledger.Genesis;
import io.consensio.runtime.mempool.MempoolConfig;
import java.util.Objects;

/**
 * What makes one node what it is, independent of whether it runs on Netty and RocksDB or in the
 * simulator: its name and key, the membership, the genesis, and which consensus module with which
 * settings.
 */
public record NodeSpec(
    NodeId id,
    Ed25519KeyPair key,
    Membership membership,
    Genesis genesis,
    String consensusType,
    JsonNode consensusSection,
    MempoolConfig mempool) {
  public NodeSpec {
    Objects.requireNonNull(id);
    Objects.requireNonNull(key);
    Objects.requireNonNull(genesis);
    Objects.requireNonNull(consensusType);
    consensusSection =
        consensusSection == null ? JsonNodeFactory.instance.objectNode() : consensusSection;
    mempool = mempool == null ? MempoolConfig.DEFAULTS : mempool;
    var member =
        membership
            .member(id)
            .orElseThrow(
                () -> new IllegalArgumentException("node " + id + " is not in the membership"));
    if (!member.publicKey().equals(key.publicKey())) {
      throw new IllegalArgumentException(
          "the membership lists another public key for " + id + " than this node's key");
    }
  }
}

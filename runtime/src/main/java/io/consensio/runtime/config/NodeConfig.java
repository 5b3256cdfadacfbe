package io.consensio.runtime.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A node's configuration file, typed and validated: built by {@link ConfigLoader}, written back by
 * {@link ConfigWriter}. Immutable; every path is absolute.
 *
 * @param node who this node is and where it keeps its key and data
 * @param network which network it belongs to
 * @param peers the members of the network (this node may be listed too, with its own key)
 * @param consensus the engine to run and the engines' own sections
 * @param api the HTTP/JSON API
 * @param metrics metrics recording
 * @param genesis the genesis JSON file
 */
public record NodeConfig(
    NodeSection node,
    NetworkSection network,
    List<PeerConfig> peers,
    ConsensusSection consensus,
    ApiSection api,
    MetricsSection metrics,
    Path genesis) {
  /** Default genesis file name, relative to the config file. */
  public static final String DEFAULT_GENESIS = "genesis.json";

  public NodeConfig {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(network, "network");
    peers = List.copyOf(peers);
    Objects.requireNonNull(consensus, "consensus");
    Objects.requireNonNull(api, "api");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(genesis, "genesis");
  }
}

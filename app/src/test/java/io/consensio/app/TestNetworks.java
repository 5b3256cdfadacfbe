package io.consensio.app;

import io.consensio.api.crypto.Ed25519KeyPair;
import io.consensio.runtime.config.NodeConfig;
import java.nio.file.Path;
import java.util.List;

/**
 * The app's local-network files, for tests in other packages ({@code chaos}, {@code fuzz}): a
 * network of keys, genesis and node configs on free loopback ports, as {@code consensio keygen}
 * writes it.
 */
public final class TestNetworks {
  private final LocalNetwork network;

  private TestNetworks(LocalNetwork network) {
    this.network = network;
  }

  public static TestNetworks generate(Path dir, String consensus, int nodes, int clients) {
    return new TestNetworks(LocalNetwork.generate(dir, consensus, nodes, clients, "127.0.0.1"));
  }

  public List<Path> nodeConfigFiles() {
    return network.nodeConfigs();
  }

  public List<NodeConfig> loadConfigs() {
    return network.loadConfigs();
  }

  public List<Ed25519KeyPair> clientKeys() {
    return network.clientKeys();
  }
}

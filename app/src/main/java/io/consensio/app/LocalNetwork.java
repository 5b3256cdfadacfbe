package io.consensio.app;

import io.consensio.api.crypto.Ed25519KeyPair;
import io.consensio.api.types.NodeId;
import io.consensio.runtime.config.ApiSection;
import io.consensio.runtime.config.ConfigLoader;
import io.consensio.runtime.config.ConfigWriter;
import io.consensio.runtime.config.ConsensusSection;
import io.consensio.runtime.config.FreePorts;
import io.consensio.runtime.config.HostPort;
import io.consensio.runtime.config.KeyFile;
import io.consensio.runtime.config.MetricsSection;
import io.consensio.runtime.config.NetworkSection;
import io.consensio.runtime.config.NodeConfig;
import io.consensio.runtime.config.NodeSection;
import io.consensio.runtime.config.PeerConfig;
import io.consensio.runtime.ledger.Genesis;
import io.consensio.runtime.state.LedgerRules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The files of a local network in one directory: {@code genesis.json}, one {@code node-NN/} per
 * node with its key and {@code config.yaml}, and funded client keys in {@code clients/}. What
 * {@code consensio keygen} writes and {@code consensio devnet} runs.
 */
public final class LocalNetwork {
  static final String GENESIS = "genesis.json";
  static final long NODE_BALANCE = 1_000_000_000L;
  static final long NODE_STAKE = 1_000L;
  static final long CLIENT_BALANCE = 1_000_000_000_000L;

  private final Path dir;

  private LocalNetwork(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
  }

  public static LocalNetwork at(Path dir) {
    return new LocalNetwork(dir);
  }

  public Path dir() {
    return dir;
  }

  boolean exists() {
    return Files.isRegularFile(dir.resolve(GENESIS)) && !nodeConfigs().isEmpty();
  }

  Path nodeDir(int index) {
    return dir.resolve(String.format("node-%02d", index));
  }

  /** Writes a fresh network: keys, genesis and configs with free loopback ports. */
  public static LocalNetwork generate(
      Path dir, String consensus, int nodes, int clients, String host) {
    return generate(dir, consensus, null, nodes, clients, host);
  }

  /**
   * As {@link #generate(Path, String, int, int, String)}, with {@code engineSection} (may be null)
   * written as every node's {@code consensus.<consensus>} settings.
   */
  public static LocalNetwork generate(
      Path dir,
      String consensus,
      com.fasterxml.jackson.databind.JsonNode engineSection,
      int nodes,
      int clients,
      String host) {
    if (nodes < 1 || clients < 0) {
      throw new IllegalArgumentException("need at least one node and no negative client count");
    }
    LocalNetwork network = new LocalNetwork(dir);
    if (Files.exists(network.dir.resolve(GENESIS))) {
      throw new IllegalStateException(
          network.dir + " already holds a network; remove it or choose another directory");
    }
    SecureRandom random = new SecureRandom();
    List<Ed25519KeyPair> nodeKeys = new ArrayList<>();
    List<PeerConfig> peers = new ArrayList<>();
    List<int[]> ports = new ArrayList<>();
    // a peer port and an API port per node, all distinct
    int[] distinct = FreePorts.pickDistinct(host, 2 * nodes);
    for (int i = 0; i < nodes; i++) {
      Ed25519KeyPair key = Ed25519KeyPair.generate(random);
      nodeKeys.add(key);
      int[] pair = {distinct[2 * i], distinct[2 * i + 1]};
      ports.add(pair);
      peers.add(
          new PeerConfig(
              NodeId.of(String.format("node-%02d", i)),
              new HostPort(host, pair[0]),
              key.publicKey()));
    }
    List<Genesis.GenesisAccount> accounts = new ArrayList<>();
    for (Ed25519KeyPair key : nodeKeys) {
      accounts.add(new Genesis.GenesisAccount(key.publicKey(), NODE_BALANCE, NODE_STAKE));
    }
    for (int c = 0; c < clients; c++) {
      Ed25519KeyPair client = Ed25519KeyPair.generate(random);
      KeyFile.write(
          network.dir.resolve("clients").resolve(String.format("client-%02d.key", c)), client);
      accounts.add(new Genesis.GenesisAccount(client.publicKey(), CLIENT_BALANCE, 0));
    }
    String networkId = consensus + "-devnet";
    Genesis genesis = new Genesis(networkId, 0, accounts, List.of(), LedgerRules.DEFAULTS);
    try {
      Files.createDirectories(network.dir);
      Files.writeString(network.dir.resolve(GENESIS), genesis.toJson(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + network.dir.resolve(GENESIS), e);
    }
    for (int i = 0; i < nodes; i++) {
      Path nodeDir = network.nodeDir(i);
      KeyFile.write(nodeDir.resolve("node.key"), nodeKeys.get(i));
      NodeConfig config =
          new NodeConfig(
              new NodeSection(
                  peers.get(i).id(),
                  nodeDir.resolve("node.key"),
                  new HostPort(host, ports.get(i)[0]),
                  nodeDir.resolve("data")),
              new NetworkSection(networkId),
              peers,
              new ConsensusSection(
                  consensus, engineSection == null ? Map.of() : Map.of(consensus, engineSection)),
              new ApiSection(true, new HostPort(host, ports.get(i)[1])),
              new MetricsSection(true),
              network.dir.resolve(GENESIS));
      ConfigWriter.write(config, nodeDir.resolve("config.yaml"));
    }
    return network;
  }

  /** The config files of the network's nodes, in node order. */
  public List<Path> nodeConfigs() {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries
          .filter(p -> p.getFileName().toString().startsWith("node-"))
          .map(p -> p.resolve("config.yaml"))
          .filter(Files::isRegularFile)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  public List<NodeConfig> loadConfigs() {
    return nodeConfigs().stream().map(ConfigLoader::load).toList();
  }

  /** The funded client keys, in name order. */
  public List<Ed25519KeyPair> clientKeys() {
    Path clients = dir.resolve("clients");
    if (!Files.isDirectory(clients)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(clients)) {
      return entries
          .filter(p -> p.toString().endsWith(".key"))
          .sorted()
          .map(KeyFile::read)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + clients, e);
    }
  }
}

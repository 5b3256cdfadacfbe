package io.consensio.runtime.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.consensio.api.crypto.Ed25519KeyPair;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.types.NodeId;
import io.consensio.runtime.config.RawConfig.RawApi;
import io.consensio.runtime.config.RawConfig.RawMetrics;
import io.consensio.runtime.config.RawConfig.RawNetwork;
import io.consensio.runtime.config.RawConfig.RawNode;
import io.consensio.runtime.config.RawConfig.RawPeer;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns the bound-but-unchecked {@link RawConfig} into a {@link NodeConfig}: required keys,
 * defaults, value syntax and the rules that span entries (unique peers, this node's own entry).
 * Stops at the first problem with a {@link ConfigException} located through {@link YamlLocations}.
 */
final class ConfigValidator {
  private static final Pattern HEX_KEY = Pattern.compile("[0-9A-Fa-f]{64}");
  private static final String NODE_ID_EXPECTED =
      "1-64 letters, digits, '_', '.' or '-', starting with a letter or digit";

  private final Path file;
  private final Path baseDir;
  private final YamlLocations locations;

  ConfigValidator(Path file, Path baseDir, YamlLocations locations) {
    this.file = file;
    this.baseDir = baseDir;
    this.locations = locations;
  }

  NodeConfig validate(RawConfig raw) {
    NodeSection node = node(required(raw.node(), "node", "a mapping with id and listen"));
    NetworkSection network = network(required(raw.network(), "network", "a mapping with id"));
    List<PeerConfig> peers = peers(raw.peers() == null ? List.of() : raw.peers(), node);
    JsonNode consensusTree = isAbsent(raw.consensus()) ? null : raw.consensus();
    ConsensusSection consensus =
        consensus(required(consensusTree, "consensus", "a mapping with type"));
    ApiSection api = api(raw.api());
    MetricsSection metrics =
        raw.metrics() == null ? MetricsSection.DEFAULT : metrics(raw.metrics());
    Path genesis = path(raw.genesis(), "genesis", NodeConfig.DEFAULT_GENESIS);
    return new NodeConfig(node, network, peers, consensus, api, metrics, genesis);
  }

  private NodeSection node(RawNode raw) {
    NodeId id =
        nodeId(required(raw.id(), "node.id", "this node's name, " + NODE_ID_EXPECTED), "node.id");
    Path keyFile = path(raw.keyFile(), "node.keyFile", NodeSection.DEFAULT_KEY_FILE);
    HostPort listen =
        hostPort(required(raw.listen(), "node.listen", HostPort.EXPECTED), "node.listen", false);
    Path dataDir = path(raw.dataDir(), "node.dataDir", NodeSection.DEFAULT_DATA_DIR);
    return new NodeSection(id, keyFile, listen, dataDir);
  }

  private NetworkSection network(RawNetwork raw) {
    String id = required(raw.id(), "network.id", "the network's name, " + NetworkSection.EXPECTED);
    try {
      return new NetworkSection(id);
    } catch (IllegalArgumentException e) {
      throw fail("network.id", "expected " + NetworkSection.EXPECTED + ", got '" + id + "'", null);
    }
  }

  private List<PeerConfig> peers(List<RawPeer> raws, NodeSection self) {
    List<PeerConfig> peers = new ArrayList<>();
    Map<NodeId, Integer> indexById = new HashMap<>();
    Map<PublicKey, Integer> indexByKey = new HashMap<>();
    for (int i = 0; i < raws.size(); i++) {
      String at = "peers[" + i + "]";
      RawPeer raw = required(raws.get(i), at, "a mapping with id, address and publicKey");
      NodeId id =
          nodeId(
              required(raw.id(), at + ".id", "the peer's name, " + NODE_ID_EXPECTED), at + ".id");
      HostPort address =
          hostPort(
              required(raw.address(), at + ".address", HostPort.EXPECTED), at + ".address", true);
      PublicKey key =
          publicKey(
              required(raw.publicKey(), at + ".publicKey", "64 hex characters"), at + ".publicKey");
      Integer earlier = indexById.putIfAbsent(id, i);
      if (earlier != null) {
        throw fail(
            at + ".id",
            "duplicate peer id '" + id + "' (also peers[" + earlier + "])",
            "each peer is listed once");
      }
      Integer sameKey = indexByKey.putIfAbsent(key, i);
      if (sameKey != null) {
        throw fail(
            at + ".publicKey",
            "the same public key as peers[" + sameKey + "]",
            "every member has its own key; copy each peer's key from its own key file");
      }
      if (id.equals(self.id())) {
        checkOwnEntry(key, self, at + ".publicKey");
      }
      peers.add(new PeerConfig(id, address, key));
    }
    return peers;
  }

  /** A node may list itself among the peers (one shared list), but only with its own key. */
  private void checkOwnEntry(PublicKey listed, NodeSection self, String key) {
    Ed25519KeyPair own;
    try {
      own = KeyFile.read(self.keyFile());
    } catch (KeyFileException e) {
      throw fail(
          "node.keyFile",
          e.getMessage(),
          "node "
              + self.id()
              + " is listed at "
              + key.substring(0, key.lastIndexOf('.'))
              + ", so its key file must exist to check the listed key");
    }
    if (!own.publicKey().equals(listed)) {
      throw fail(
          key,
          "peer '"
              + self.id()
              + "' is this node (node.id), but the key listed here is not the key in "
              + self.keyFile()
              + " (whose public key is "
              + own.publicKey().toHex()
              + ")",
          null);
    }
  }

  private ConsensusSection consensus(JsonNode raw) {
    if (!raw.isObject()) {
      throw fail("consensus", "expected a mapping with type and the engines' sections", null);
    }
    JsonNode type = raw.get("type");
    if (type == null || type.isNull()) {
      throw fail(
          "consensus.type",
          "missing; expected the name of a consensus engine (raft, pbft, pow, pos, dpos, ...)",
          null);
    }
    if (!type.isTextual() || type.asText().isBlank()) {
      throw fail(
          "consensus.type",
          "expected the name of a consensus engine (raft, pbft, pow, pos, dpos, ...), got '"
              + type.asText()
              + "'",
          null);
    }
    Map<String, JsonNode> sections = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : raw.properties()) {
      if (field.getKey().equals("type")) {
        continue;
      }
      if (isAbsent(field.getValue())) {
        // `raft:` with nothing under it: the engine's defaults.
        sections.put(field.getKey(), JsonNodeFactory.instance.objectNode());
        continue;
      }
      if (!field.getValue().isObject()) {
        throw fail(
            "consensus." + field.getKey(),
            "expected a mapping with the settings of engine '" + field.getKey() + "'",
            "every key under consensus other than type names an engine");
      }
      sections.put(field.getKey(), field.getValue());
    }
    return new ConsensusSection(type.asText().strip(), sections);
  }

  /** A key with nothing after it: Jackson's YAML parser reads that as null or as "". */
  private static boolean isAbsent(JsonNode tree) {
    return tree == null || tree.isNull() || (tree.isTextual() && tree.asText().isEmpty());
  }

  private ApiSection api(RawApi raw) {
    if (raw == null) {
      return ApiSection.DEFAULT;
    }
    boolean enabled = raw.enabled() == null ? ApiSection.DEFAULT.enabled() : raw.enabled();
    HostPort listen =
        raw.listen() == null
            ? ApiSection.DEFAULT.listen()
            : hostPort(raw.listen(), "api.listen", false);
    return new ApiSection(enabled, listen);
  }

  private MetricsSection metrics(RawMetrics raw) {
    return new MetricsSection(
        raw.enabled() == null ? MetricsSection.DEFAULT.enabled() : raw.enabled());
  }

  private NodeId nodeId(String value, String key) {
    try {
      return NodeId.of(value.strip());
    } catch (IllegalArgumentException e) {
      throw fail(key, "expected " + NODE_ID_EXPECTED + ", got '" + value + "'", null);
    }
  }

  private HostPort hostPort(String value, String key, boolean needsPort) {
    HostPort parsed;
    try {
      parsed = HostPort.parse(value.strip());
    } catch (IllegalArgumentException e) {
      throw fail(key, e.getMessage(), null);
    }
    if (needsPort && parsed.port() == 0) {
      throw fail(key, "port 0 cannot be connected to; expected a port from 1 to 65535", null);
    }
    return parsed;
  }

  private PublicKey publicKey(String value, String key) {
    String hex = value.strip();
    if (!HEX_KEY.matcher(hex).matches()) {
      throw fail(
          key,
          "expected 64 hex characters (a 32-byte Ed25519 public key), got "
              + (hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)
                  ? hex.length() + " hex characters"
                  : "'" + hex + "'"),
          null);
    }
    return PublicKey.fromHex(hex);
  }

  private Path path(String value, String key, String fallback) {
    String text = value == null ? fallback : value.strip();
    if (text.isEmpty()) {
      throw fail(key, "expected a file path, got an empty value", null);
    }
    try {
      return baseDir.resolve(text).normalize();
    } catch (InvalidPathException e) {
      throw fail(key, "'" + text + "' is not a valid path: " + e.getReason(), null);
    }
  }

  private <T> T required(T value, String key, String expected) {
    if (value == null) {
      throw fail(key, "missing; expected " + expected, null);
    }
    return value;
  }

  private ConfigException fail(String key, String problem, String hint) {
    JsonLocation at = locations.find(key);
    int line = at == null ? 0 : Math.max(at.getLineNr(), 0);
    int column = at == null ? 0 : Math.max(at.getColumnNr(), 0);
    return new ConfigException(file, line, column, key, problem, hint, null);
  }
}

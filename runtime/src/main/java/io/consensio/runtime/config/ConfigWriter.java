package io.consensio.runtime.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Renders a {@link NodeConfig} as the YAML {@link ConfigLoader} reads, e.g. for {@code consensio
 * keygen} generating the files of a local network. Every key is written, defaults included, so a
 * generated file documents itself. Paths inside the file's directory are written relative to it, so
 * a generated network can be moved as a whole; {@code load(write(c)) equals c}.
 *
 * <p>Stateless and thread-safe.
 */
public final class ConfigWriter {
  private static final YAMLMapper YAML =
      YAMLMapper.builder()
          .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
          // Keeps a peer id like 1 or a hex key like 1e10... a string when read back.
          .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
          .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
          .build();

  private ConfigWriter() {}

  /**
   * Writes {@code config} to {@code file}, replacing it; paths relative to the file's directory.
   */
  public static void write(NodeConfig config, Path file) {
    Path dir = file.toAbsolutePath().normalize().getParent();
    try {
      if (dir != null) {
        Files.createDirectories(dir);
      }
      Files.writeString(file, toYaml(config, dir), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write config file " + file, e);
    }
  }

  /** The YAML text of {@code config} as a file in {@code configDir} would hold it. */
  public static String toYaml(NodeConfig config, Path configDir) {
    Path base = configDir.toAbsolutePath().normalize();
    JsonNodeFactory json = JsonNodeFactory.instance;
    ObjectNode root = json.objectNode();

    ObjectNode node = root.putObject("node");
    node.put("id", config.node().id().value());
    node.put("keyFile", relative(base, config.node().keyFile()));
    node.put("listen", config.node().listen().toString());
    node.put("dataDir", relative(base, config.node().dataDir()));

    root.putObject("network").put("id", config.network().id());

    ArrayNode peers = root.putArray("peers");
    for (PeerConfig peer : config.peers()) {
      peers
          .addObject()
          .put("id", peer.id().value())
          .put("address", peer.address().toString())
          .put("publicKey", peer.publicKey().toHex());
    }

    ObjectNode consensus = root.putObject("consensus");
    consensus.put("type", config.consensus().type());
    config.consensus().sections().forEach(consensus::set);

    root.putObject("api")
        .put("enabled", config.api().enabled())
        .put("listen", config.api().listen().toString());
    root.putObject("metrics").put("enabled", config.metrics().enabled());
    root.put("genesis", relative(base, config.genesis()));

    try {
      return YAML.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings, numbers and booleans always renders", e);
    }
  }

  private static String relative(Path base, Path path) {
    Path normalized = path.toAbsolutePath().normalize();
    if (!normalized.startsWith(base)) {
      return normalized.toString();
    }
    String relative = base.relativize(normalized).toString();
    return relative.isEmpty() ? "." : relative;
  }
}

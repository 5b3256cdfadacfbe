package io.consensio.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.types.NodeId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigWriterTest {
  @TempDir Path dir;

  @Test
  void writingTheExampleConfigAndLoadingItBackGivesTheSameConfig() throws Exception {
    NodeConfig example = ConfigLoader.load(ConfigLoaderTest.exampleConfig());
    Path file = dir.resolve("copy.yaml");

    ConfigWriter.write(example, file);

    assertThat(ConfigLoader.load(file)).isEqualTo(example);
  }

  @Test
  void valuesThatLookLikeNumbersOrBooleansSurviveTheRoundTrip() throws Exception {
    // A key of decimal digits only, with a leading zero, would come back as a number if unquoted.
    byte[] digitsOnly =
        HexFormat.of().parseHex("0011223344556677889900112233445566778899001122334455667788990011");
    Map<String, JsonNode> sections = new LinkedHashMap<>();
    sections.put(
        "pos",
        new ObjectMapper()
            .readTree(
                "{\"slotMillis\": 500, \"ratio\": 0.25, \"strict\": true, \"label\": \"007\","
                    + " \"validators\": [\"a\", \"b\"], \"nested\": {\"empty\": {}}}"));
    NodeConfig config =
        new NodeConfig(
            new NodeSection(
                NodeId.of("1"), dir.resolve("keys/1.key"), new HostPort("::1", 7001), dir),
            new NetworkSection("true"),
            List.of(
                new PeerConfig(
                    NodeId.of("2"), new HostPort("10.0.0.2", 7002), PublicKey.wrap(digitsOnly)),
                new PeerConfig(
                    NodeId.of("node-3"),
                    new HostPort("node-3.example.org", 7003),
                    PublicKey.wrap(new byte[32]))),
            new ConsensusSection("pos", sections),
            new ApiSection(false, new HostPort("0.0.0.0", 8080)),
            new MetricsSection(false),
            Path.of("/opt/consensio/genesis.json"));
    Path file = dir.resolve("node-1.yaml");

    ConfigWriter.write(config, file);

    assertThat(ConfigLoader.load(file)).isEqualTo(config);
  }

  @Test
  void pathsInsideTheConfigDirectoryAreWrittenRelativeSoTheDirectoryCanMove() throws Exception {
    NodeConfig example = ConfigLoader.load(ConfigLoaderTest.exampleConfig());
    Path base = dir.resolve("net/node-1");
    NodeConfig local =
        new NodeConfig(
            new NodeSection(
                example.node().id(),
                base.resolve("node.key"),
                example.node().listen(),
                base.resolve("data")),
            example.network(),
            List.of(),
            example.consensus(),
            example.api(),
            example.metrics(),
            base.resolve("genesis.json"));
    ConfigWriter.write(local, base.resolve("node.yaml"));

    Path moved = Files.move(dir.resolve("net"), dir.resolve("moved"));
    NodeConfig reloaded = ConfigLoader.load(moved.resolve("node-1/node.yaml"));

    assertThat(reloaded.node().keyFile()).isEqualTo(moved.resolve("node-1/node.key"));
    assertThat(reloaded.node().dataDir()).isEqualTo(moved.resolve("node-1/data"));
    assertThat(reloaded.genesis()).isEqualTo(moved.resolve("node-1/genesis.json"));
  }
}

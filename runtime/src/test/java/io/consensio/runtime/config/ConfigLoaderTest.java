package io.consensio.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.crypto.Ed25519KeyPair;
import io.consensio.api.types.NodeId;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  static Path exampleConfig() throws URISyntaxException {
    return Path.of(
        Objects.requireNonNull(ConfigLoaderTest.class.getResource("/config/example-node.yaml"))
            .toURI());
  }

  @Test
  void loadsEverySectionOfTheExampleConfig() throws Exception {
    Path file = exampleConfig();
    Path base = file.getParent();

    NodeConfig config = ConfigLoader.load(file);

    assertThat(config.node())
        .isEqualTo(
            new NodeSection(
                NodeId.of("node-1"),
                base.resolve("node-1.key"),
                new HostPort("127.0.0.1", 7001),
                base.resolve("data/node-1")));
    assertThat(config.network().id()).isEqualTo("example-net");
    assertThat(config.peers())
        .extracting(p -> p.id().value() + "@" + p.address())
        .containsExactly("node-1@127.0.0.1:7001", "node-2@127.0.0.1:7002", "node-3@[::1]:7003");
    assertThat(config.peers().get(0).publicKey())
        .isEqualTo(KeyFile.read(base.resolve("node-1.key")).publicKey());
    assertThat(config.peers().get(2).publicKey().toHex())
        .isEqualTo("17cb79fb2b4120f2b1ec65e4198d6e08b28e813feb01e4a400839b85e18080ce");
    assertThat(config.consensus().type()).isEqualTo("raft");
    assertThat(config.consensus().engineSection().get("heartbeatMillis").asInt()).isEqualTo(50);
    assertThat(config.consensus().sections()).containsOnlyKeys("raft", "pbft");
    assertThat(config.api()).isEqualTo(new ApiSection(true, new HostPort("127.0.0.1", 8081)));
    assertThat(config.metrics().enabled()).isFalse();
    assertThat(config.genesis()).isEqualTo(base.resolve("genesis.json"));
  }

  @Test
  void appliesDefaultsToEveryOptionalKey() throws Exception {
    Path file =
        ConfigFiles.write(
            dir,
            "minimal.yaml",
            """
            node:
              id: solo
              listen: 0.0.0.0:7001
            network:
              id: test
            consensus:
              type: pow
            """);

    NodeConfig config = ConfigLoader.load(file);

    assertThat(config.node().keyFile()).isEqualTo(dir.resolve("node.key"));
    assertThat(config.node().dataDir()).isEqualTo(dir.resolve("data"));
    assertThat(config.peers()).isEmpty();
    assertThat(config.consensus().sections()).isEmpty();
    assertThat(config.consensus().engineSection().isEmpty()).isTrue();
    assertThat(config.api()).isEqualTo(new ApiSection(true, new HostPort("127.0.0.1", 0)));
    assertThat(config.metrics().enabled()).isTrue();
    assertThat(config.genesis()).isEqualTo(dir.resolve("genesis.json"));
  }

  @Test
  void relativePathsResolveAgainstTheConfigFileNotTheWorkingDirectory() throws Exception {
    Path file =
        ConfigFiles.write(
            dir.resolve("conf"),
            "node.yaml",
            """
            node:
              id: n1
              listen: localhost:7001
              keyFile: ../keys/n1.key
              dataDir: /var/lib/consensio/n1
            network: {id: test}
            consensus: {type: raft}
            genesis: shared/genesis.json
            """);

    NodeConfig config = ConfigLoader.load(file);

    assertThat(config.node().keyFile()).isEqualTo(dir.resolve("keys/n1.key"));
    assertThat(config.node().dataDir()).isEqualTo(Path.of("/var/lib/consensio/n1"));
    assertThat(config.genesis()).isEqualTo(dir.resolve("conf/shared/genesis.json"));
  }

  @Test
  void anEngineSectionWithNothingUnderItMeansTheEnginesDefaults() throws Exception {
    Path file =
        ConfigFiles.write(
            dir,
            "node.yaml",
            "node: {id: n, listen: \"h:1\"}\nnetwork: {id: test}\nconsensus:\n  type: raft\n"
                + "  raft:\n");

    NodeConfig config = ConfigLoader.load(file);

    assertThat(config.consensus().sections()).containsOnlyKeys("raft");
    assertThat(config.consensus().engineSection().isEmpty()).isTrue();
  }

  @Test
  void aNodeMayListItselfAmongThePeersWithItsOwnKey() throws Exception {
    Ed25519KeyPair key = Ed25519KeyPair.fromHex("44".repeat(32));
    KeyFile.write(dir.resolve("me.key"), key);
    Path file =
        ConfigFiles.write(
            dir,
            "node.yaml",
            """
            node: {id: me, listen: "127.0.0.1:7001", keyFile: me.key}
            network: {id: test}
            peers:
              - {id: me, address: "127.0.0.1:7001", publicKey: %s}
            consensus: {type: raft}
            """
                .formatted(key.publicKey().toHex()));

    assertThat(ConfigLoader.load(file).peers()).hasSize(1);
  }
}

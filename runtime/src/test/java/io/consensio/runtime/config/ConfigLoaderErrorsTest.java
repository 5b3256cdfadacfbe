package io.consensio.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.consensio.api.crypto.Ed25519KeyPair;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each mistake a person makes in a config file, and the message that points at it. */
class ConfigLoaderErrorsTest {
  private static final String KEY_A = "aa".repeat(32);
  private static final String KEY_B = "bb".repeat(32);

  @TempDir Path dir;

  private ConfigException loadFails(String yaml) throws IOException {
    Path file = ConfigFiles.write(dir, "bad-node.yaml", yaml);
    try {
      NodeConfig config = ConfigLoader.load(file);
      return fail("expected a ConfigException, loaded %s", config);
    } catch (ConfigException e) {
      assertThat(e.file()).isEqualTo(file);
      assertThat(e.getMessage()).contains("bad-node.yaml");
      return e;
    }
  }

  private static void assertNamesKey(ConfigException e, String key) {
    assertThat(e.key()).isEqualTo(key);
    assertThat(e.getMessage()).contains(key + ": ");
  }

  /** A valid file with the node, network and consensus sections, then whatever follows. */
  private static String validWith(String peersAndMore) {
    return """
        node:
          id: node-1
          listen: 127.0.0.1:7001
        network:
          id: test
        consensus:
          type: raft
        """
        + peersAndMore;
  }

  @ParameterizedTest
  @ValueSource(strings = {"~", "null", "~\n", "--- null\n"})
  void aDocumentThatIsOnlyNullIsAClearErrorNotACrash(String yaml) throws IOException {
    // found by the config loader fuzz target (a NullPointerException escaped before)
    ConfigException e = loadFails(yaml);

    assertThat(e.getMessage()).contains("expected a mapping with");
  }

  @Test
  void unknownTopLevelKeyIsNamedWithItsLineAndTheValidKeys() throws IOException {
    ConfigException e = loadFails(validWith("consensu:\n  type: raft\n"));

    assertNamesKey(e, "consensu");
    assertThat(e.line()).isEqualTo(8);
    assertThat(e.getMessage()).contains("unknown key 'consensu'");
    assertThat(e.hint())
        .isEqualTo(
            "valid top-level keys are api, consensus, genesis, metrics, network, node, peers");
  }

  @Test
  void unknownNestedKeyListsTheValidKeysOfItsSection() throws IOException {
    ConfigException e =
        loadFails(
            """
            node:
              id: node-1
              lisen: 127.0.0.1:7001
            """);

    assertNamesKey(e, "node.lisen");
    assertThat(e.line()).isEqualTo(3);
    assertThat(e.column()).isEqualTo(3);
    assertThat(e.getMessage()).startsWith(e.file() + ":3:3: node.lisen: unknown key 'lisen'");
    assertThat(e.hint()).isEqualTo("valid keys under node are dataDir, id, keyFile, listen");
  }

  @Test
  void unknownKeyInsideAPeerNamesThePeersIndex() throws IOException {
    ConfigException e =
        loadFails(
            validWith(
                """
                peers:
                  - {id: a, address: "h:1", publicKey: %s}
                  - {id: b, address: "h:2", pubkey: %s}
                """
                    .formatted(KEY_A, KEY_B)));

    assertNamesKey(e, "peers[1].pubkey");
    assertThat(e.line()).isEqualTo(10);
    assertThat(e.hint()).contains("address, id, publicKey");
  }

  @Test
  void missingRequiredKeyIsNamedAtItsSection() throws IOException {
    ConfigException e =
        loadFails(
            """
            network:
              id: test
            node:
              listen: 127.0.0.1:7001
            consensus: {type: raft}
            """);

    assertNamesKey(e, "node.id");
    assertThat(e.problem()).startsWith("missing; expected this node's name");
    assertThat(e.line()).as("reported where the node section is").isEqualTo(3);
  }

  @Test
  void missingSectionIsNamed() throws IOException {
    ConfigException e = loadFails("node: {id: n, listen: \"h:1\"}\nconsensus: {type: raft}\n");

    assertNamesKey(e, "network");
    assertThat(e.problem()).contains("missing");
  }

  @Test
  void missingPeerFieldNamesThePeer() throws IOException {
    ConfigException e = loadFails(validWith("peers:\n  - id: node-2\n    address: h:7002\n"));

    assertNamesKey(e, "peers[0].publicKey");
    assertThat(e.line()).isEqualTo(9);
  }

  @Test
  void portOutOfRangeIsRejected() throws IOException {
    ConfigException e =
        loadFails(
            """
            node:
              id: node-1
              listen: 127.0.0.1:70000
            """);

    assertNamesKey(e, "node.listen");
    assertThat(e.line()).isEqualTo(3);
    assertThat(e.problem()).contains("70000").contains("out of range").contains("host:port");
  }

  @Test
  void addressWithoutPortIsRejected() throws IOException {
    ConfigException e =
        loadFails(validWith("peers:\n  - {id: b, address: localhost, publicKey: " + KEY_B + "}\n"));

    assertNamesKey(e, "peers[0].address");
    assertThat(e.problem()).contains("'localhost'").contains("no port");
  }

  @Test
  void malformedHostIsRejected() throws IOException {
    ConfigException e = loadFails(validWith("api:\n  listen: 'my host:80'\n"));

    assertNamesKey(e, "api.listen");
    assertThat(e.problem()).contains("'my host'");
  }

  @Test
  void peerAddressMustNameARealPort() throws IOException {
    ConfigException e =
        loadFails(validWith("peers:\n  - {id: b, address: \"h:0\", publicKey: " + KEY_B + "}\n"));

    assertNamesKey(e, "peers[0].address");
    assertThat(e.problem()).contains("port 0");
  }

  @Test
  void publicKeyThatIsNot64HexCharactersIsRejected() throws IOException {
    ConfigException e =
        loadFails(
            validWith(
                """
                peers:
                  - id: node-2
                    address: 127.0.0.1:7002
                    publicKey: %s
                  - id: node-3
                    address: 127.0.0.1:7003
                    publicKey: abc123
                """
                    .formatted(KEY_A)));

    assertNamesKey(e, "peers[1].publicKey");
    assertThat(e.line()).isEqualTo(14);
    assertThat(e.problem()).contains("64 hex characters").contains("got 6 hex characters");
  }

  @Test
  void publicKeyWithNonHexCharactersIsRejected() throws IOException {
    ConfigException e =
        loadFails(
            validWith(
                "peers:\n  - {id: b, address: \"h:1\", publicKey: " + "zz".repeat(32) + "}\n"));

    assertNamesKey(e, "peers[0].publicKey");
  }

  @Test
  void duplicatePeerIdsAreRejectedNamingBothEntries() throws IOException {
    ConfigException e =
        loadFails(
            validWith(
                """
                peers:
                  - {id: node-2, address: "h:1", publicKey: %s}
                  - {id: node-2, address: "h:2", publicKey: %s}
                """
                    .formatted(KEY_A, KEY_B)));

    assertNamesKey(e, "peers[1].id");
    assertThat(e.problem()).contains("duplicate peer id 'node-2'").contains("peers[0]");
  }

  @Test
  void twoPeersWithTheSameKeyAreRejected() throws IOException {
    ConfigException e =
        loadFails(
            validWith(
                """
                peers:
                  - {id: node-2, address: "h:1", publicKey: %s}
                  - {id: node-3, address: "h:2", publicKey: %s}
                """
                    .formatted(KEY_A, KEY_A.toUpperCase())));

    assertNamesKey(e, "peers[1].publicKey");
    assertThat(e.problem()).contains("peers[0]");
  }

  @Test
  void ownIdListedAmongPeersWithAnotherKeyIsRejected() throws IOException {
    Ed25519KeyPair own = Ed25519KeyPair.fromHex("55".repeat(32));
    KeyFile.write(dir.resolve("node.key"), own);

    ConfigException e =
        loadFails(
            validWith(
                """
                peers:
                  - {id: node-2, address: "h:2", publicKey: %s}
                  - {id: node-1, address: "h:1", publicKey: %s}
                """
                    .formatted(KEY_A, KEY_B)));

    assertNamesKey(e, "peers[1].publicKey");
    assertThat(e.problem())
        .contains("is this node")
        .contains(dir.resolve("node.key").toString())
        .contains(own.publicKey().toHex());
  }

  @Test
  void ownIdListedAmongPeersNeedsTheKeyFileToCheckIt() throws IOException {
    ConfigException e =
        loadFails(
            validWith("peers:\n  - {id: node-1, address: \"h:1\", publicKey: " + KEY_A + "}\n"));

    assertNamesKey(e, "node.keyFile");
    assertThat(e.problem()).contains("does not exist");
    assertThat(e.hint()).contains("peers[0]");
  }

  @Test
  void emptyConsensusTypeIsRejected() throws IOException {
    ConfigException e =
        loadFails(
            """
            node: {id: n, listen: "h:1"}
            network: {id: test}
            consensus:
              type: ""
            """);

    assertNamesKey(e, "consensus.type");
    assertThat(e.line()).isEqualTo(4);
    assertThat(e.problem()).contains("name of a consensus engine");
  }

  @Test
  void missingConsensusTypeIsRejected() throws IOException {
    ConfigException e =
        loadFails(
            """
            node: {id: n, listen: "h:1"}
            network: {id: test}
            consensus:
              raft: {heartbeatMillis: 50}
            """);

    assertNamesKey(e, "consensus.type");
    assertThat(e.problem()).startsWith("missing");
  }

  @Test
  void engineSectionMustBeAMapping() throws IOException {
    ConfigException e =
        loadFails(
            """
            node: {id: n, listen: "h:1"}
            network: {id: test}
            consensus:
              type: raft
              raft: 5
            """);

    assertNamesKey(e, "consensus.raft");
    assertThat(e.line()).isEqualTo(5);
    assertThat(e.problem()).contains("mapping");
  }

  @Test
  void anEmptyConsensusSectionCountsAsMissing() throws IOException {
    ConfigException e =
        loadFails("node: {id: n, listen: \"h:1\"}\nnetwork: {id: test}\nconsensus:\n");

    assertNamesKey(e, "consensus");
    assertThat(e.problem()).startsWith("missing");
  }

  @Test
  void invalidNodeIdIsRejected() throws IOException {
    ConfigException e = loadFails("node:\n  id: -node\n  listen: h:1\n");

    assertNamesKey(e, "node.id");
    assertThat(e.problem()).contains("'-node'").contains("letters, digits");
  }

  @Test
  void wrongKindOfValueSaysWhatIsExpected() throws IOException {
    ConfigException list = loadFails(validWith("peers:\n  id: node-2\n"));
    assertNamesKey(list, "peers");
    assertThat(list.problem()).contains("a list");
    assertThat(list.line()).isEqualTo(8);

    ConfigException bool = loadFails(validWith("metrics:\n  enabled: sometimes\n"));
    assertNamesKey(bool, "metrics.enabled");
    assertThat(bool.problem()).contains("true or false").contains("sometimes");
    assertThat(bool.line()).isEqualTo(9);

    ConfigException mapping = loadFails(validWith("api: yes please\n"));
    assertNamesKey(mapping, "api");
    assertThat(mapping.problem()).contains("mapping");
  }

  @Test
  void yamlSyntaxErrorGivesItsLineAndColumn() throws IOException {
    ConfigException e =
        loadFails(
            """
            node:
              id: node-1
              listen: [127.0.0.1:7001
            network:
              id: test
            """);

    assertThat(e.problem()).startsWith("YAML syntax error");
    assertThat(e.line()).isGreaterThanOrEqualTo(3);
    assertThat(e.column()).isPositive();
    assertThat(e.getMessage()).startsWith(e.file() + ":" + e.line() + ":" + e.column() + ": ");
  }

  @Test
  void badIndentationIsASyntaxErrorAtItsLine() throws IOException {
    ConfigException e = loadFails("node:\n  id: node-1\n listen: 127.0.0.1:7001\n");

    assertThat(e.problem()).startsWith("YAML syntax error");
    assertThat(e.line()).isEqualTo(3);
  }

  @Test
  void keyWrittenTwiceIsRejected() throws IOException {
    ConfigException e =
        loadFails(
            """
            node:
              id: node-1
              listen: 127.0.0.1:7001
              id: node-2
            """);

    assertThat(e.getMessage()).contains("Duplicate").contains("'id'");
    assertThat(e.line()).isEqualTo(4);
  }

  @Test
  void emptyFileIsRejected() throws IOException {
    ConfigException e = loadFails("# nothing yet\n");

    assertThat(e.problem()).contains("empty").contains("node");
  }

  @Test
  void missingFileIsNamed() {
    Path missing = dir.resolve("absent.yaml");
    try {
      ConfigLoader.load(missing);
      fail("expected a ConfigException");
    } catch (ConfigException e) {
      assertThat(e.getMessage()).contains("absent.yaml").contains("does not exist");
    }
  }
}

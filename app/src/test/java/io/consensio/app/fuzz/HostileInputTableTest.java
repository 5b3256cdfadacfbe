package io.consensio.app.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.codec.DecodingException;
import io.consensio.api.types.Transaction;
import io.consensio.app.TestNetworks;
import io.consensio.runtime.config.ConfigException;
import io.consensio.runtime.config.ConfigLoader;
import io.consensio.runtime.node.ConsensioNode;
import io.consensio.runtime.node.ConsensusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sends a fixed list of malformed inputs to every entry point — each engine's message handler, the
 * transaction decoder, the HTTP API, the peer port and the config loader — records the answer each
 * gets, asserts it is one of the acceptable answers (a clear error, dropped and counted, or the
 * connection closed; never an exception escaping or the node going down) and writes the table to
 * {@code target/hostile-inputs.md} (copied into RELIABILITY.md).
 */
class HostileInputTableTest {
  private static final List<String> ROWS = new ArrayList<>();
  private static ConsensioNode node;
  private static Path dir;

  @BeforeAll
  static void startNode(@TempDir Path tmp) {
    dir = tmp;
    var network = TestNetworks.generate(tmp.resolve("net"), "raft", 1, 0);
    node = ConsensioNode.start(network.loadConfigs().get(0), ConsensusRegistry.loadDefault());
  }

  @AfterAll
  static void writeTable() throws IOException {
    node.close();
    StringBuilder table =
        new StringBuilder("| entry point | malformed input | answer |\n|---|---|---|\n");
    ROWS.forEach(row -> table.append(row).append('\n'));
    Path out = Path.of("target", "hostile-inputs.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, table);
    System.out.print(table);
  }

  private static void row(String entry, String input, String answer) {
    ROWS.add("| " + entry + " | " + input + " | " + answer.replace("|", "\\|") + " |");
  }

  private static Map<String, byte[]> malformedPeerMessages() {
    Random random = new Random(42);
    byte[] kib = new byte[1024];
    random.nextBytes(kib);
    byte[] mib = new byte[1 << 20];
    random.nextBytes(mib);
    Map<String, byte[]> inputs = new LinkedHashMap<>();
    inputs.put("empty payload", new byte[0]);
    inputs.put("one byte 0xff", new byte[] {(byte) 0xff});
    inputs.put(
        "length prefix 2^31-1, no body",
        new byte[] {0x01, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff});
    inputs.put("1 KiB of random bytes", kib);
    inputs.put("1 MiB of random bytes", mib);
    return inputs;
  }

  @Test
  void everyEngineDropsAndCountsMalformedPeerMessages() {
    EngineHarness harness = new EngineHarness();
    for (String engine : harness.engines()) {
      for (Map.Entry<String, byte[]> input : malformedPeerMessages().entrySet()) {
        Map<String, Long> before = harness.metrics(engine).counters();
        long escapedBefore = harness.escapedExceptions(engine);
        harness.deliver(engine, input.getValue());
        Map<String, Long> rose = new TreeMap<>(harness.metrics(engine).counters());
        rose.entrySet().removeIf(e -> e.getValue().equals(before.get(e.getKey())));

        assertThat(harness.escapedExceptions(engine))
            .as("%s: exception escaping on %s", engine, input.getKey())
            .isEqualTo(escapedBefore);
        assertThat(rose.keySet())
            .as("%s counts the drop of %s", engine, input.getKey())
            .anyMatch(
                k -> k.contains("dropped") || k.contains("rejected") || k.contains("malformed"));
        row(
            engine + " `onMessage`",
            input.getKey(),
            "dropped and counted: `" + String.join(", ", rose.keySet()) + "`");
      }
    }
  }

  @Test
  void theTransactionDecoderGivesAClearError() {
    byte[] valid = new byte[0];
    Map<String, byte[]> inputs = new LinkedHashMap<>();
    inputs.put("empty", valid);
    inputs.put("one byte", new byte[] {7});
    inputs.put(
        "4 GiB length prefix",
        new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1, 2});
    inputs.put("1 KiB of zeros", new byte[1024]);
    for (Map.Entry<String, byte[]> input : inputs.entrySet()) {
      try {
        Transaction.decode(input.getValue());
        throw new AssertionError(input.getKey() + " decoded");
      } catch (DecodingException clear) {
        assertThat(clear.getMessage()).isNotBlank();
        row(
            "`Transaction.decode`",
            input.getKey(),
            "clear error: DecodingException \"" + clear.getMessage() + "\"");
      }
    }
  }

  @Test
  void theHttpApiAnswersBadRequestsWithAClearErrorOrClosesTheConnection() throws IOException {
    String tooBig = "{\"tx\":\"" + "ab".repeat(600_000) + "\"}";
    Map<String, String> requests = new LinkedHashMap<>();
    requests.put("POST /v1/transactions, body not JSON", post("{not json"));
    requests.put("POST /v1/transactions, tx not hex", post("{\"tx\":\"zz\"}"));
    requests.put("POST /v1/transactions, tx hex of garbage", post("{\"tx\":\"00ff00ff\"}"));
    requests.put("POST /v1/transactions, no tx field", post("{}"));
    requests.put("POST /v1/transactions, 1.2 MB body", post(tooBig));
    requests.put("GET /v1/blocks/-1", get("/v1/blocks/-1"));
    requests.put("GET /v1/accounts/not-a-key", get("/v1/accounts/not-a-key"));
    requests.put("GET /v1/transactions/xyz", get("/v1/transactions/xyz"));
    requests.put("GET /nowhere", get("/nowhere"));
    requests.put(
        "DELETE /v1/status", "DELETE /v1/status HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    requests.put("not HTTP at all (binary)", "\u0000\u0001\u0002garbage\r\n\r\n");
    for (Map.Entry<String, String> request : requests.entrySet()) {
      String answer =
          exchange(node.apiPort(), request.getValue().getBytes(StandardCharsets.ISO_8859_1));
      String verdict;
      if (answer.isEmpty()) {
        verdict = "connection closed";
      } else {
        String status = answer.lines().findFirst().orElse("");
        assertThat(status).as(request.getKey()).matches("HTTP/1\\.1 4\\d\\d .*");
        String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
        verdict = "clear error: " + status.substring(9) + " " + body.strip();
      }
      row("HTTP API", request.getKey(), verdict);
    }
    assertThat(exchange(node.apiPort(), get("/v1/status").getBytes(StandardCharsets.US_ASCII)))
        .as("the node still serves its status")
        .startsWith("HTTP/1.1 200");
  }

  @Test
  void thePeerPortClosesConnectionsThatDoNotCompleteTheHandshake() throws IOException {
    Map<String, byte[]> inputs = new LinkedHashMap<>();
    inputs.put("HTTP request instead of a handshake", get("/").getBytes(StandardCharsets.US_ASCII));
    inputs.put("frame length 2^31-1", new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0});
    byte[] random = new byte[4096];
    new Random(7).nextBytes(random);
    inputs.put("4 KiB of random bytes", random);
    for (Map.Entry<String, byte[]> input : inputs.entrySet()) {
      String answer = exchange(node.peerPort(), input.getValue());
      assertThat(answer).as("no data answers a failed handshake").isEmpty();
      row("peer port (Netty transport)", input.getKey(), "connection closed");
    }
  }

  @Test
  void theConfigLoaderNamesTheFileAndTheProblem() throws IOException {
    Path valid = TestNetworks.generate(dir.resolve("cfg"), "raft", 1, 0).nodeConfigFiles().get(0);
    String text = Files.readString(valid);
    Map<String, String> inputs = new LinkedHashMap<>();
    inputs.put("YAML syntax error", text + "\n  : : [\n");
    inputs.put("unknown key", text + "\nsurprise: 1\n");
    inputs.put(
        "listen port 70000",
        text.replaceFirst("listen: 127.0.0.1:\\d+", "listen: 127.0.0.1:70000"));
    inputs.put("consensus type empty", text.replaceFirst("type: raft", "type: \"\""));
    inputs.put(
        "peer public key not hex", text.replaceFirst("publicKey: [0-9a-f]+", "publicKey: xyz"));
    inputs.put("empty file", "");
    for (Map.Entry<String, String> input : inputs.entrySet()) {
      Path file = valid.resolveSibling("bad.yaml");
      Files.writeString(file, input.getValue());
      try {
        ConfigLoader.load(file);
        throw new AssertionError(input.getKey() + " loaded");
      } catch (ConfigException clear) {
        assertThat(clear.getMessage()).contains("bad.yaml");
        String message = clear.getMessage().lines().findFirst().orElse("");
        row(
            "config loader",
            input.getKey(),
            "clear error: \"" + message.replace(dir.toString(), "…") + "\"");
      }
    }
  }

  private static String post(String body) {
    return "POST /v1/transactions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        + "Connection: close\r\nContent-Length: "
        + body.getBytes(StandardCharsets.UTF_8).length
        + "\r\n\r\n"
        + body;
  }

  private static String get(String path) {
    return "GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  }

  /** Writes the bytes and reads until the other side closes (10 s at most). */
  private static String exchange(int port, byte[] request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      try {
        socket.getOutputStream().write(request);
        socket.getOutputStream().flush();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) >= 0; ) {
          answer.write(buffer, 0, n);
        }
      } catch (SocketException reset) {
        // the server may reset a connection it refused mid-write: that is "closed"
      }
      return answer.toString(StandardCharsets.UTF_8);
    }
  }
}

package io.consensio.app.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.consensio.app.TestNetworks;
import io.consensio.runtime.node.ConsensioNode;
import io.consensio.runtime.node.ConsensusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/**
 * The HTTP API of a real single-node network on loopback, fed hostile requests over raw sockets: a
 * fuzzed request line, headers and body around well-formed templates, or arbitrary bytes. Each
 * exchange must end with the server answering or closing the connection (never hanging on a request
 * the client finished sending), an answer must be HTTP with a status code, and the node must still
 * serve {@code /v1/status} afterwards.
 */
class HttpApiFuzzTest {
  private static final String[] TEMPLATES = {
    "GET /v1/status HTTP/1.1\r\nHost: x\r\n\r\n",
    "GET /v1/blocks/%s HTTP/1.1\r\nHost: x\r\n\r\n",
    "GET /v1/transactions/%s HTTP/1.1\r\nHost: x\r\n\r\n",
    "GET /v1/accounts/%s HTTP/1.1\r\nHost: x\r\n\r\n",
    "POST /v1/transactions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        + "Content-Length: %d\r\n\r\n%s",
  };

  private static final ConsensioNode NODE;

  static {
    try {
      var network =
          TestNetworks.generate(
              Files.createTempDirectory("http-fuzz").resolve("net"), "raft", 1, 0);
      NODE = ConsensioNode.start(network.loadConfigs().get(0), ConsensusRegistry.loadDefault());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest(maxDuration = "10s")
  void everyRequestIsAnsweredOrClosedAndTheNodeStaysUp(FuzzedDataProvider data) throws IOException {
    byte[] request = request(data);
    byte[] answer = exchange(request, true);
    if (answer.length > 0) {
      String head = new String(answer, 0, Math.min(answer.length, 12), StandardCharsets.US_ASCII);
      assertThat(head).as("an answer is an HTTP response").matches("HTTP/1\\.1 [1-5]\\d\\d.*");
    }
    String status =
        new String(
            exchange(
                "GET /v1/status HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII),
                false),
            StandardCharsets.UTF_8);
    assertThat(status)
        .as("the node still serves its status")
        .startsWith("HTTP/1.1 200")
        .contains("node-00");
  }

  private static byte[] request(FuzzedDataProvider data) {
    int choice = data.consumeInt(0, TEMPLATES.length);
    if (choice == TEMPLATES.length) {
      return data.consumeRemainingAsBytes();
    }
    String template = TEMPLATES[choice];
    String value = data.consumeRemainingAsString();
    String body = "{\"tx\":\"" + value + "\"}";
    String text =
        template.contains("%d")
            ? String.format(template, body.getBytes(StandardCharsets.UTF_8).length, body)
            : String.format(template, value);
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Sends the request and reads until the server closes (10 s at most). With {@code halfClose} the
   * client then shuts its output, so the server sees the end of whatever it was sent and must close
   * rather than wait (an answer it computes asynchronously may be lost with the connection, which
   * is fine for a client that hung up).
   */
  private static byte[] exchange(byte[] request, boolean halfClose) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", NODE.apiPort())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request);
      socket.getOutputStream().flush();
      if (halfClose) {
        socket.shutdownOutput();
      }
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      for (int n; (n = in.read(buffer)) >= 0; ) {
        answer.write(buffer, 0, n);
      }
      return answer.toByteArray();
    }
  }
}

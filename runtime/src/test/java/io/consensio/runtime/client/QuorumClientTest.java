package io.consensio.runtime.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.consensio.api.types.Hash;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * PBFT's client rule (OSDI'99 §4.1) against scripted nodes: each serves one canned answer for the
 * transaction's status, so a node can lie (final in another block), lag (pending), fail (HTTP 500)
 * or be gone, and the test controls which.
 */
class QuorumClientTest {
  private static final Hash TX = Hash.sha256("tx".getBytes(StandardCharsets.US_ASCII));
  private static final Hash BLOCK = Hash.sha256("block".getBytes(StandardCharsets.US_ASCII));
  private static final Hash OTHER = Hash.sha256("other".getBytes(StandardCharsets.US_ASCII));

  private final List<HttpServer> servers = new ArrayList<>();

  @AfterEach
  void stop() {
    servers.forEach(s -> s.stop(0));
  }

  private static String finalIn(Hash block, int height) {
    return "{\"id\":\""
        + TX.toHex()
        + "\",\"status\":\"final\",\"height\":"
        + height
        + ",\"blockId\":\""
        + block.toHex()
        + "\",\"index\":0,\"confirmations\":1}";
  }

  private static final String PENDING = "{\"id\":\"" + TX.toHex() + "\",\"status\":\"pending\"}";

  /** A node that answers every request with {@code status} and {@code body}. */
  private NodeClient node(int status, String body) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.start();
    servers.add(server);
    return client(URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
  }

  private static NodeClient client(URI uri) {
    return new NodeClient(uri, Duration.ofSeconds(2));
  }

  /** A node nobody listens for: its port was free a moment ago. */
  private NodeClient gone() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    int port = server.getAddress().getPort();
    server.stop(0);
    return client(URI.create("http://127.0.0.1:" + port));
  }

  @Test
  void finalOnceFPlusOneNodesReportTheSameBlock() throws IOException {
    NodeClient liar = node(200, finalIn(OTHER, 1));
    NodeClient honestA = node(200, finalIn(BLOCK, 1));
    NodeClient failing = node(500, "{\"error\":\"boom\"}");
    NodeClient honestB = node(200, finalIn(BLOCK, 1));
    QuorumClient client = QuorumClient.tolerating(1, List.of(liar, honestA, failing, honestB));

    QuorumClient.FinalReply reply = client.finality(TX).orElseThrow();

    assertThat(reply.blockId()).isEqualTo(BLOCK);
    assertThat(reply.height()).isEqualTo(1);
    assertThat(reply.confirmedBy()).containsExactly(honestA.baseUri(), honestB.baseUri());
  }

  @Test
  void oneNodeAloneIsNotEnoughWhateverItSays() throws IOException {
    NodeClient liar = node(200, finalIn(OTHER, 1));
    NodeClient honest = node(200, finalIn(BLOCK, 1));
    NodeClient lagging = node(200, PENDING);
    NodeClient down = gone();
    QuorumClient client = QuorumClient.tolerating(1, List.of(liar, honest, lagging, down));

    assertThat(client.finality(TX)).isEmpty();
    assertThat(client.awaitFinal(TX, Duration.ZERO, Duration.ofMillis(1))).isEmpty();
  }

  @Test
  void sameBlockAtAnotherHeightIsADifferentResult() throws IOException {
    QuorumClient client =
        QuorumClient.tolerating(
            1, List.of(node(200, finalIn(BLOCK, 1)), node(200, finalIn(BLOCK, 2))));
    assertThat(client.finality(TX)).isEmpty();
  }

  @Test
  void repliesNeededMustFitTheNodes() throws IOException {
    List<NodeClient> two = List.of(node(200, PENDING), node(200, PENDING));
    assertThatThrownBy(() -> new QuorumClient(two, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("between 1 and 2");
    assertThatThrownBy(() -> new QuorumClient(two, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}

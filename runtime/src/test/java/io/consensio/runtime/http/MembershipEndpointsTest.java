package io.consensio.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consensio.runtime.client.NodeClient;
import io.consensio.runtime.client.NodeHttpException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The membership routes on an engine whose membership is fixed (the "instant" test engine): every
 * route answers 400 saying so, and malformed requests are refused before they reach the node. The
 * routes against an engine with dynamic membership are exercised end to end in the app module.
 */
class MembershipEndpointsTest {
  private final TestNode node = new TestNode();
  private final NodeClient client = new NodeClient(node.uri);

  @AfterEach
  void tearDown() {
    node.close();
  }

  @Test
  void anEngineWithAFixedMembershipRefusesEveryMembershipRequestWith400() {
    node.startEngine();
    assertThatThrownBy(client::membership)
        .isInstanceOfSatisfying(
            NodeHttpException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.error()).contains("'instant' has a fixed membership");
            });
    assertThatThrownBy(
            () -> client.addMember("node-9", node.stranger.publicKey(), "127.0.0.1:7009"))
        .isInstanceOfSatisfying(
            NodeHttpException.class, e -> assertThat(e.status()).isEqualTo(400));
    assertThatThrownBy(() -> client.removeMember("node-1"))
        .isInstanceOfSatisfying(
            NodeHttpException.class, e -> assertThat(e.status()).isEqualTo(400));
    assertThatThrownBy(() -> client.transferLeadership("node-1"))
        .isInstanceOfSatisfying(
            NodeHttpException.class, e -> assertThat(e.status()).isEqualTo(400));
  }

  @Test
  void malformedMembershipRequestsAreRefusedWithTheFieldAtFault() throws Exception {
    HttpResponse<String> noKey = post("/v1/membership/add", "{\"id\":\"node-9\"}");
    assertThat(noKey.statusCode()).isEqualTo(400);
    assertThat(noKey.body()).contains("publicKey").contains("must be a string");
    HttpResponse<String> badAddress =
        post(
            "/v1/membership/add",
            "{\"id\":\"node-9\",\"publicKey\":\""
                + node.stranger.publicKey().toHex()
                + "\",\"address\":\"nowhere\"}");
    assertThat(badAddress.statusCode()).isEqualTo(400);
    assertThat(badAddress.body()).contains("address");
    HttpResponse<String> badId = post("/v1/leadership/transfer", "{\"id\":\"!\"}");
    assertThat(badId.statusCode()).isEqualTo(400);
    assertThat(badId.body()).contains("node id must be");
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(node.uri + path))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }
}

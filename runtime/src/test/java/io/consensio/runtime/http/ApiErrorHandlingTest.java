package io.consensio.runtime.http;

import static io.consensio.runtime.http.ApiCalls.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ApiErrorHandlingTest {
  @Test
  void anUnknownPathIsNotFoundAsJson() {
    try (TestNode node = new TestNode()) {
      HttpResponse<String> answer = new ApiCalls(node.uri).get("/v2/everything?x=1");

      assertThat(answer.statusCode()).isEqualTo(404);
      assertThat(answer.headers().firstValue("content-type")).hasValue(ApiResponse.JSON);
      assertThat(json(answer).get("error").asText())
          .isEqualTo("no such endpoint: GET /v2/everything");
      assertThat(json(answer).get("status").asInt()).isEqualTo(404);
    }
  }

  @Test
  void aWrongMethodIsNotAllowedAndTheAllowedOneIsNamed() {
    try (TestNode node = new TestNode()) {
      ApiCalls api = new ApiCalls(node.uri);

      HttpResponse<String> deleteStatus =
          api.send("DELETE", "/v1/status", HttpRequest.BodyPublishers.noBody());
      assertThat(deleteStatus.statusCode()).isEqualTo(405);
      assertThat(deleteStatus.headers().firstValue("allow")).hasValue("GET");
      assertThat(json(deleteStatus).get("error").asText())
          .isEqualTo("method DELETE is not allowed on /v1/status; allowed: GET");

      HttpResponse<String> listTransactions = api.get("/v1/transactions");
      assertThat(listTransactions.statusCode()).isEqualTo(405);
      assertThat(listTransactions.headers().firstValue("allow")).hasValue("POST");
    }
  }

  @Test
  void aFailingHandlerIsA500CountedInMetricsAndTheServerKeepsServing() {
    var brokenStatus =
        JsonNodeFactory.instance.objectNode().put(InstantProvider.BROKEN_STATUS, true);
    try (TestNode node = new TestNode(brokenStatus, HttpApiConfig.DEFAULT_MAX_BODY_BYTES)) {
      ApiCalls api = new ApiCalls(node.uri);

      HttpResponse<String> failed = api.get("/v1/status");
      HttpResponse<String> failedAgain = api.get("/v1/status");

      assertThat(failed.statusCode()).isEqualTo(500);
      assertThat(failedAgain.statusCode()).isEqualTo(500);
      assertThat(json(failed).get("error").asText())
          .isEqualTo(
              "internal error while handling status: IllegalStateException: status is broken on"
                  + " purpose by the test configuration");
      assertThat(api.get("/v1/blocks/head").statusCode()).isEqualTo(200);
      assertThat(api.get("/metrics").body())
          .contains("api_handler_error_total{route=\"status\"} 2.0");
    }
  }

  @Test
  void onceTheNodesEventLoopHasStoppedRequestsAreServiceUnavailable() {
    try (TestNode node = new TestNode()) {
      node.loop.close();

      HttpResponse<String> answer = new ApiCalls(node.uri).get("/v1/status");

      assertThat(answer.statusCode()).isEqualTo(503);
      assertThat(json(answer).get("error").asText()).contains("shutting down");
    }
  }

  @Test
  void pipelinedRequestsAreAnsweredInOrderEvenWhenALaterOneIsReadyFirst() throws Exception {
    try (TestNode node = new TestNode();
        Socket socket = new Socket(node.uri.getHost(), node.uri.getPort())) {
      CountDownLatch release = new CountDownLatch(1);
      // hold the event loop so the status request cannot finish before the 404 is ready
      node.loop.execute(
          () -> {
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET /v1/status HTTP/1.1\r\nHost: x\r\n\r\n"
                  + "GET /nowhere HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      // give the I/O thread the chance to answer out of order if it were going to
      Thread.sleep(200);
      release.countDown();

      String answers = readAll(socket.getInputStream());

      int first = answers.indexOf("HTTP/1.1 200 OK");
      int second = answers.indexOf("HTTP/1.1 404 Not Found");
      assertThat(first).isGreaterThanOrEqualTo(0);
      assertThat(second).isGreaterThan(first);
    }
  }

  private static String readAll(InputStream in) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    in.transferTo(buffer);
    return buffer.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aSmallerConfiguredBodyLimitIsEnforced() {
    try (TestNode node = new TestNode(JsonNodeFactory.instance.objectNode(), 64)) {
      HttpResponse<String> answer =
          new ApiCalls(node.uri).post("/v1/transactions", "{\"tx\":\"" + "00".repeat(40) + "\"}");

      assertThat(answer.statusCode()).isEqualTo(413);
      assertThat(json(answer).get("error").asText())
          .isEqualTo("request body exceeds the limit of 64 bytes");
    }
  }
}

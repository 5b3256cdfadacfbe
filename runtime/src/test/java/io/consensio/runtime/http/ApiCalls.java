package io.consensio.runtime.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.consensio.api.types.Transaction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;

/** Plain HTTP calls against a test node, to check the wire format itself. */
final class ApiCalls {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final URI base;

  ApiCalls(URI base) {
    this.base = base;
  }

  HttpResponse<String> get(String path) {
    return send("GET", path, HttpRequest.BodyPublishers.noBody());
  }

  HttpResponse<String> post(String path, String body) {
    return send("POST", path, HttpRequest.BodyPublishers.ofString(body));
  }

  HttpResponse<String> submit(Transaction tx) {
    return post("/v1/transactions", submitBody(HexFormat.of().formatHex(tx.encode())));
  }

  static String submitBody(String hex) {
    return "{\"tx\":\"" + hex + "\"}";
  }

  HttpResponse<String> send(String method, String path, HttpRequest.BodyPublisher body) {
    try {
      return http.send(
          HttpRequest.newBuilder(base.resolve(path))
              .timeout(Duration.ofSeconds(30))
              .method(method, body)
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static JsonNode json(HttpResponse<String> response) {
    try {
      return MAPPER.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + response.body(), e);
    }
  }
}

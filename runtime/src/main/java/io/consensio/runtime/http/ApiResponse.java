package io.consensio.runtime.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A complete answer: status, content type, body bytes and any further headers (e.g. {@code Allow}).
 * Immutable once built.
 */
record ApiResponse(
    HttpResponseStatus status, String contentType, byte[] body, Map<String, String> headers) {
  static final String JSON = "application/json; charset=utf-8";
  static final ObjectMapper MAPPER = new ObjectMapper();

  ApiResponse {
    headers = Map.copyOf(headers);
  }

  static ApiResponse json(HttpResponseStatus status, JsonNode node) {
    try {
      return new ApiResponse(status, JSON, MAPPER.writeValueAsBytes(node), Map.of());
    } catch (JsonProcessingException e) {
      // a tree of JSON nodes always serializes; this would be a Jackson bug
      throw new IllegalStateException("cannot serialize a JSON tree", e);
    }
  }

  static ApiResponse ok(JsonNode node) {
    return json(HttpResponseStatus.OK, node);
  }

  /** {@code {"error": message, ...fields}}: every error the API gives has this shape. */
  static ApiResponse error(HttpResponseStatus status, String message, Map<String, String> fields) {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("error", message);
    body.put("status", status.code());
    fields.forEach(body::put);
    return json(status, body);
  }

  static ApiResponse error(HttpResponseStatus status, String message) {
    return error(status, message, Map.of());
  }

  static ApiResponse of(ApiException e) {
    return error(e.status(), e.getMessage(), e.fields());
  }

  static ApiResponse text(String contentType, String text) {
    return new ApiResponse(
        HttpResponseStatus.OK, contentType, text.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  ApiResponse withHeader(String name, String value) {
    HashMap<String, String> more = new HashMap<>(headers);
    more.put(name, value);
    return new ApiResponse(status, contentType, body, more);
  }
}

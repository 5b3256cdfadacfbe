package io.consensio.runtime.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Map;

/**
 * A request the API answers with an error status and a JSON body {@code {"error": message, ...}}
 * naming what is wrong. Thrown by request parsing and route handlers; never escapes the server.
 */
final class ApiException extends RuntimeException {
  private final HttpResponseStatus status;
  private final Map<String, String> fields;

  ApiException(HttpResponseStatus status, String message) {
    this(status, message, Map.of());
  }

  /**
   * @param fields further members of the error body, e.g. the mempool's {@code reason}
   */
  ApiException(HttpResponseStatus status, String message, Map<String, String> fields) {
    super(message, null, false, false);
    this.status = status;
    this.fields = Map.copyOf(fields);
  }

  static ApiException badRequest(String message) {
    return new ApiException(HttpResponseStatus.BAD_REQUEST, message);
  }

  static ApiException notFound(String message) {
    return new ApiException(HttpResponseStatus.NOT_FOUND, message);
  }

  HttpResponseStatus status() {
    return status;
  }

  Map<String, String> fields() {
    return fields;
  }
}

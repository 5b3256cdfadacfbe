package io.consensio.runtime.http;

import io.consensio.runtime.config.ApiSection;
import io.consensio.runtime.config.HostPort;
import java.util.Objects;

/**
 * Where the HTTP API listens and how large a request body it accepts.
 *
 * @param listen host and port to bind; port 0 picks a free port ({@link HttpApiServer#port()} tells
 *     which)
 * @param maxBodyBytes largest request body; a larger one is answered with 413
 */
public record HttpApiConfig(HostPort listen, int maxBodyBytes) {
  /** One MiB: room for a dozen of the largest transactions, far below any memory concern. */
  public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

  /** Loopback on a free port, so a node never exposes its API unless configured to. */
  public static final HttpApiConfig DEFAULT =
      new HttpApiConfig(new HostPort("127.0.0.1", 0), DEFAULT_MAX_BODY_BYTES);

  public HttpApiConfig {
    Objects.requireNonNull(listen, "listen");
    if (maxBodyBytes < 1) {
      throw new IllegalArgumentException("maxBodyBytes must be positive, got " + maxBodyBytes);
    }
  }

  /** The settings of a node's {@code api} config section, with the default body limit. */
  public static HttpApiConfig of(ApiSection section) {
    return new HttpApiConfig(section.listen(), DEFAULT_MAX_BODY_BYTES);
  }
}

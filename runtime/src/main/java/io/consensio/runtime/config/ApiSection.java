package io.consensio.runtime.config;

import java.util.Objects;

/**
 * The {@code api} section: the HTTP/JSON API. By default it is on and bound to loopback on a free
 * port, so a node never exposes its API to the network unless the file says so, and several nodes
 * on one machine never collide.
 */
public record ApiSection(boolean enabled, HostPort listen) {
  public static final ApiSection DEFAULT = new ApiSection(true, new HostPort("127.0.0.1", 0));

  public ApiSection {
    Objects.requireNonNull(listen, "listen");
  }
}

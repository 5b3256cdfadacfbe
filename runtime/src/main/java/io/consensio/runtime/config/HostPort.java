package io.consensio.runtime.config;

import java.util.regex.Pattern;

/**
 * A network address as written in the config file: {@code host:port}, with an IPv6 literal in
 * brackets ({@code [::1]:7000}). Only the syntax is checked; names are resolved when connecting.
 * Port 0 is accepted here (a listen address may ask for any free port); a peer address must name a
 * real port, which the loader checks.
 */
public record HostPort(String host, int port) {
  private static final Pattern HOSTNAME =
      Pattern.compile(
          "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  /** What {@link #parse} expects, for error messages. */
  public static final String EXPECTED =
      "host:port, e.g. 127.0.0.1:7001, node-1.example.org:7001 or [::1]:7001, with a port from 0"
          + " to 65535";

  public HostPort {
    if (host == null || !(HOSTNAME.matcher(host).matches() || IPV6.matcher(host).matches())) {
      throw new IllegalArgumentException("invalid host: " + host);
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be from 0 to 65535, got " + port);
    }
  }

  /**
   * Parses {@code host:port}.
   *
   * @throws IllegalArgumentException with a message saying what is wrong and what is expected
   */
  public static HostPort parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("expected " + EXPECTED + ", got an empty value");
    }
    String host;
    String portText;
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      if (close < 0 || close + 1 >= text.length() || text.charAt(close + 1) != ':') {
        throw new IllegalArgumentException("expected " + EXPECTED + ", got '" + text + "'");
      }
      host = text.substring(1, close);
      portText = text.substring(close + 2);
      if (!IPV6.matcher(host).matches()) {
        throw new IllegalArgumentException(
            "'" + host + "' in brackets is not an IPv6 address; expected " + EXPECTED);
      }
    } else {
      int colon = text.lastIndexOf(':');
      if (colon <= 0 || text.indexOf(':') != colon) {
        throw new IllegalArgumentException(
            "expected "
                + EXPECTED
                + ", got '"
                + text
                + "'"
                + (colon < 0 ? " (no port)" : " (write an IPv6 address in brackets)"));
      }
      host = text.substring(0, colon);
      portText = text.substring(colon + 1);
      if (!HOSTNAME.matcher(host).matches()) {
        throw new IllegalArgumentException(
            "'" + host + "' is not a valid host name or address; expected " + EXPECTED);
      }
    }
    if (portText.isEmpty()
        || portText.length() > 5
        || !portText.chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException(
          "port '" + portText + "' is not a number; expected " + EXPECTED);
    }
    int port = Integer.parseInt(portText);
    if (port > 65535) {
      throw new IllegalArgumentException("port " + port + " is out of range; expected " + EXPECTED);
    }
    return new HostPort(host, port);
  }

  @Override
  public String toString() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}

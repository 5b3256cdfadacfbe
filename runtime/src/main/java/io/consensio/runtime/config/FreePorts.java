package io.consensio.runtime.config;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.util.Random;

/**
 * Picks listen ports for nodes that must know each other's ports before they start (keygen, tests).
 *
 * <p>Ports come from below the usual ephemeral range (Linux hands out 32768–60999 for outgoing
 * connections): a port the OS handed out as "free" from that range can be taken a moment later by
 * one of the nodes' own outgoing connections before the node that was meant to listen on it binds.
 */
public final class FreePorts {
  static final int LOWEST = 20_000;
  static final int HIGHEST_EXCLUSIVE = 32_000;
  private static final Random RANDOM = new SecureRandom();

  private FreePorts() {}

  /**
   * {@code count} distinct ports in [20000, 32000) that {@code host} can bind right now. A port is
   * not held once picked, so picking one at a time can return the same port twice (it happened: a
   * devnet gave one node's HTTP API the peer port of another); this never does.
   */
  public static int[] pickDistinct(String host, int count) {
    java.util.Set<Integer> picked = new java.util.LinkedHashSet<>();
    while (picked.size() < count) {
      picked.add(pick(host));
    }
    return picked.stream().mapToInt(Integer::intValue).toArray();
  }

  /** A port in [20000, 32000) that {@code host} can bind right now. */
  public static int pick(String host) {
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = LOWEST + RANDOM.nextInt(HIGHEST_EXCLUSIVE - LOWEST);
      try (ServerSocket socket = new ServerSocket()) {
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(host, port));
        return port;
      } catch (IOException taken) {
        // try another one
      }
    }
    throw new IllegalStateException("no free port in [20000, 32000) on " + host);
  }
}

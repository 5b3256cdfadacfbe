package io.consensio.runtime.transport;

import io.consensio.runtime.net.MessageChannel;
import java.util.ArrayDeque;

/**
 * The messages waiting for one peer's connection, bounded in count and in payload bytes. When a new
 * message would exceed a bound the <em>oldest</em> messages are evicted: consensus traffic ages
 * fast (a vote for an old round is useless once a newer one exists), so the freshest messages are
 * the ones worth delivering after a reconnect. A single message larger than the byte bound is
 * refused outright rather than evicting everything.
 *
 * <p>Thread-safe: the node's thread offers, the peer's Netty event loop polls.
 */
final class OutboundQueue {
  record Pending(MessageChannel channel, byte[] payload) {}

  private final long maxBytes;
  private final int maxMessages;
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private long bytes;

  OutboundQueue(long maxBytes, int maxMessages) {
    this.maxBytes = maxBytes;
    this.maxMessages = maxMessages;
  }

  /**
   * Queues a message and returns how many messages were dropped to respect the bounds: evicted old
   * ones, or 1 if this message alone exceeds the byte bound (it is then not queued).
   */
  synchronized int offer(MessageChannel channel, byte[] payload) {
    if (payload.length > maxBytes) {
      return 1;
    }
    int dropped = 0;
    while (!queue.isEmpty() && (queue.size() >= maxMessages || bytes + payload.length > maxBytes)) {
      bytes -= queue.removeFirst().payload().length;
      dropped++;
    }
    queue.addLast(new Pending(channel, payload));
    bytes += payload.length;
    return dropped;
  }

  /** The oldest waiting message, or null. */
  synchronized Pending poll() {
    Pending next = queue.pollFirst();
    if (next != null) {
      bytes -= next.payload().length;
    }
    return next;
  }

  synchronized int size() {
    return queue.size();
  }

  synchronized long bytes() {
    return bytes;
  }
}

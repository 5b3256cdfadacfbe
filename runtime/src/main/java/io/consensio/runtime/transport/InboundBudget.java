package io.consensio.runtime.transport;

import io.consensio.api.services.Metrics;
import io.netty.channel.Channel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds the payload bytes handed to the node's executor but not yet handled. The executor's queue
 * is unbounded, so without this a member that sends faster than the node handles messages (a
 * byzantine one, or just a node catching up) could fill the heap. Above the bound, a connection
 * that delivers stops reading from its socket; TCP's window then pushes back on the sender, whose
 * own bounded queue drops the excess. Reading resumes for all paused connections once the backlog
 * falls to half the bound.
 *
 * <p>Each paused connection may overshoot the bound by what it had already read (one socket read,
 * or one frame), so the backlog stays below bound + connections × max(frame, read buffer).
 * Thread-safe: connections acquire on Netty threads, the node's thread releases.
 */
final class InboundBudget {
  private final long maxBytes;
  private final Metrics metrics;
  private final AtomicLong pending = new AtomicLong();
  private final Set<Channel> paused = ConcurrentHashMap.newKeySet();

  InboundBudget(long maxBytes, Metrics metrics) {
    this.maxBytes = maxBytes;
    this.metrics = metrics;
  }

  /** A message of {@code bytes} from {@code channel} was handed over; pause it if over budget. */
  void acquire(Channel channel, int bytes) {
    if (pending.addAndGet(bytes) <= maxBytes) {
      return;
    }
    channel.config().setAutoRead(false);
    paused.add(channel);
    metrics.increment(TransportMetrics.INBOUND_PAUSED);
    // The node may have drained the backlog between the check and the pause; do not strand it.
    if (pending.get() <= maxBytes / 2) {
      resumeAll();
    }
  }

  /** The node finished with a message of {@code bytes}. */
  void release(int bytes) {
    if (pending.addAndGet(-bytes) <= maxBytes / 2 && !paused.isEmpty()) {
      resumeAll();
    }
  }

  long pendingBytes() {
    return pending.get();
  }

  private void resumeAll() {
    for (Channel channel : paused) {
      if (paused.remove(channel)) {
        channel.config().setAutoRead(true);
      }
    }
  }
}

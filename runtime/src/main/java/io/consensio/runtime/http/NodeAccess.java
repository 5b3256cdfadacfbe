package io.consensio.runtime.http;

import io.consensio.runtime.node.NodeCore;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The API's only way to touch the node core: every call runs on the node's event loop, and the
 * caller (a Netty thread) gets a future instead of waiting, so neither thread ever blocks the
 * other. When the loop has shut down the future fails with a {@link
 * java.util.concurrent.RejectedExecutionException}, which the server answers with 503.
 */
final class NodeAccess {
  private final NodeCore node;
  private final Executor eventLoop;

  NodeAccess(NodeCore node, Executor eventLoop) {
    this.node = node;
    this.eventLoop = eventLoop;
  }

  /**
   * Runs {@code work} on the event loop and completes the returned future on {@code replyOn} (the
   * connection's Netty thread), so that what the caller chains on it — rendering JSON, writing the
   * answer — costs the event loop nothing. The result must not be a live view of node state: return
   * immutable values (blocks, records, finished JSON trees).
   */
  <T> CompletableFuture<T> call(Executor replyOn, Function<NodeCore, T> work) {
    try {
      return CompletableFuture.supplyAsync(() -> work.apply(node), eventLoop)
          .thenApplyAsync(Function.identity(), replyOn);
    } catch (RuntimeException rejected) {
      return CompletableFuture.failedFuture(rejected);
    }
  }
}

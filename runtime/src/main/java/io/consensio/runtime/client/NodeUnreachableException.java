package io.consensio.runtime.client;

/**
 * No answer from the node: connection refused, reset or timed out. Whether the request took effect
 * is unknown; submitting a transaction again is safe (the mempool refuses a duplicate and the nonce
 * makes it execute at most once).
 */
public final class NodeUnreachableException extends NodeClientException {
  public NodeUnreachableException(String message, Throwable cause) {
    super(message, cause);
  }
}

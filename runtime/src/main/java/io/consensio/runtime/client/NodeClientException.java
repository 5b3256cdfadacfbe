package io.consensio.runtime.client;

/**
 * A {@link NodeClient} call failed: the node could not be reached ({@link
 * NodeUnreachableException}), answered with an error status ({@link NodeHttpException}), or gave an
 * answer this client cannot read (this class itself).
 */
public class NodeClientException extends RuntimeException {
  public NodeClientException(String message) {
    super(message);
  }

  public NodeClientException(String message, Throwable cause) {
    super(message, cause);
  }
}

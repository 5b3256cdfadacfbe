package io.consensio.runtime.client;

/** The node answered with a status outside 2xx; {@link #error()} is its explanation. */
public final class NodeHttpException extends NodeClientException {
  private final int status;
  private final String error;

  public NodeHttpException(String request, int status, String error) {
    super(request + " failed with HTTP " + status + ": " + error);
    this.status = status;
    this.error = error;
  }

  public int status() {
    return status;
  }

  /** The node's {@code error} message, or the raw body when it sent no JSON error. */
  public String error() {
    return error;
  }
}

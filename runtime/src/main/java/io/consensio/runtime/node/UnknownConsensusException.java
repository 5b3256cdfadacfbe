package io.consensio.runtime.node;

import java.util.Set;

/** {@code consensus.type} names no module on the class path; the message lists those that are. */
public final class UnknownConsensusException extends RuntimeException {
  public UnknownConsensusException(String type, Set<String> available) {
    super(
        "unknown consensus type '"
            + type
            + "'; consensus modules on the class path: "
            + (available.isEmpty() ? "none" : String.join(", ", available)));
  }
}

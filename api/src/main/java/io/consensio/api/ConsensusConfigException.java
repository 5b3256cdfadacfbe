package io.consensio.api;

/**
 * A consensus section of the configuration is wrong. Names the offending key and what was expected,
 * so the node can stop with a message like {@code consensus.raft.heartbeatMillis: must be below
 * electionTimeoutMinMillis (150), got 500}.
 */
public final class ConsensusConfigException extends RuntimeException {
  private final String key;

  public ConsensusConfigException(String key, String problem) {
    super(key + ": " + problem);
    this.key = key;
  }

  public String key() {
    return key;
  }
}

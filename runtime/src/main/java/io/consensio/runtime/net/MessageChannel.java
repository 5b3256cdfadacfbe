package io.consensio.runtime.net;

/**
 * What a peer message carries, so one connection serves the engine and the mempool without either
 * misreading the other's bytes. The byte is on the wire; unknown values are dropped and counted.
 */
public enum MessageChannel {
  /** The consensus engine's own messages, opaque to the runtime. */
  CONSENSUS(1),
  /** Transaction gossip between mempools. */
  TRANSACTIONS(2);

  private final int wireValue;

  MessageChannel(int wireValue) {
    this.wireValue = wireValue;
  }

  public int wireValue() {
    return wireValue;
  }

  /** The channel for a wire byte, or null when no channel has that value. */
  public static MessageChannel fromWire(int value) {
    for (MessageChannel channel : values()) {
      if (channel.wireValue == value) {
        return channel;
      }
    }
    return null;
  }
}

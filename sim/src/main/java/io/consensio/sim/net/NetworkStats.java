package io.consensio.sim.net;

import io.consensio.runtime.net.MessageChannel;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Message and byte counters of the simulated network, per {@link MessageChannel}. A message sent
 * once is counted once as sent; each delivered copy (duplicates included) counts as delivered; a
 * dropped copy counts as dropped under its reason. Single-threaded.
 */
public final class NetworkStats {
  /** Why a message copy did not reach its handler. */
  public enum DropReason {
    /** The recipient is not a registered member (or is the sender itself). */
    UNKNOWN_PEER,
    /** A partition or one-way block cut the link when the message was sent. */
    PARTITIONED,
    /** The network model lost it. */
    LOST,
    /** The recipient was crashed, or crashed and restarted while the message was in flight. */
    RECIPIENT_DOWN,
    /** The sender was not running (its code should not be sending). */
    SENDER_DOWN,
    /** The recipient had registered no inbound handler. */
    NO_HANDLER,
    /** An {@link Overlay} is set and the two nodes have no connection. */
    NOT_CONNECTED
  }

  private final Map<MessageChannel, Counters> byChannel = new EnumMap<>(MessageChannel.class);

  public NetworkStats() {
    for (MessageChannel channel : MessageChannel.values()) {
      byChannel.put(channel, new Counters());
    }
  }

  public Counters channel(MessageChannel channel) {
    return byChannel.get(channel);
  }

  /** Counters summed over every channel. */
  public Counters total() {
    Counters sum = new Counters();
    for (Counters c : byChannel.values()) {
      sum.messagesSent += c.messagesSent;
      sum.bytesSent += c.bytesSent;
      sum.messagesDelivered += c.messagesDelivered;
      sum.bytesDelivered += c.bytesDelivered;
      sum.duplicated += c.duplicated;
      for (Map.Entry<DropReason, long[]> d : c.dropped.entrySet()) {
        sum.dropped.get(d.getKey())[0] += d.getValue()[0];
        sum.dropped.get(d.getKey())[1] += d.getValue()[1];
      }
    }
    return sum;
  }

  /** Counters of one channel. Read-only to everyone but the network. */
  public static final class Counters {
    private long messagesSent;
    private long bytesSent;
    private long messagesDelivered;
    private long bytesDelivered;
    private long duplicated;
    private final Map<DropReason, long[]> dropped = new EnumMap<>(DropReason.class);

    Counters() {
      for (DropReason reason : DropReason.values()) {
        dropped.put(reason, new long[2]);
      }
    }

    void sent(int bytes) {
      messagesSent++;
      bytesSent += bytes;
    }

    void delivered(int bytes) {
      messagesDelivered++;
      bytesDelivered += bytes;
    }

    void countDuplicate() {
      duplicated++;
    }

    void dropped(DropReason reason, int bytes) {
      long[] counts = dropped.get(reason);
      counts[0]++;
      counts[1] += bytes;
    }

    public long messagesSent() {
      return messagesSent;
    }

    public long bytesSent() {
      return bytesSent;
    }

    public long messagesDelivered() {
      return messagesDelivered;
    }

    public long bytesDelivered() {
      return bytesDelivered;
    }

    /** Extra copies the network created. */
    public long duplicated() {
      return duplicated;
    }

    public long messagesDropped() {
      return dropped.values().stream().mapToLong(c -> c[0]).sum();
    }

    public long bytesDropped() {
      return dropped.values().stream().mapToLong(c -> c[1]).sum();
    }

    public long messagesDropped(DropReason reason) {
      return dropped.get(reason)[0];
    }

    public long bytesDropped(DropReason reason) {
      return dropped.get(reason)[1];
    }

    /** Dropped message counts by reason, only reasons that occurred, in enum order. */
    public Map<DropReason, Long> dropsByReason() {
      Map<DropReason, Long> result = new TreeMap<>();
      dropped.forEach(
          (reason, counts) -> {
            if (counts[0] > 0) {
              result.put(reason, counts[0]);
            }
          });
      return Collections.unmodifiableMap(result);
    }

    @Override
    public String toString() {
      return "sent="
          + messagesSent
          + " ("
          + bytesSent
          + " B) delivered="
          + messagesDelivered
          + " ("
          + bytesDelivered
          + " B) duplicated="
          + duplicated
          + " dropped="
          + dropsByReason();
    }
  }
}

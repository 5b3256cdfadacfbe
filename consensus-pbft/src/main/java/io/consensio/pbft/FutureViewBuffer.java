package io.consensio.pbft;

import io.consensio.api.types.NodeId;
import io.consensio.pbft.messages.Authenticated;
import io.consensio.pbft.messages.PbftMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Normal-case messages (PRE-PREPARE, PREPARE, COMMIT) for a view this replica has not entered yet,
 * kept until it installs that view's NEW-VIEW instead of being dropped (Castro's BFT library does
 * the same: a replica that is slower to receive the NEW-VIEW than its peers would otherwise lose
 * the first messages of the view and need retransmissions, TOCS'02 §5.2). Only messages whose
 * signature or MAC, and sender, were already checked are offered; after the view is installed each
 * one goes through the ordinary handler again, with every check of §4.2. Memory is bounded by a
 * per-sender quota, so a faulty replica can only fill its own share; messages over the quota are
 * refused (and recovered later by retransmission). Not thread-safe.
 */
final class FutureViewBuffer {
  /** A buffered message and the view it belongs to. */
  record Held(long view, Authenticated<? extends PbftMessage> message) {}

  private final int perSender;
  private final Map<NodeId, List<Held>> bySender = new TreeMap<>();

  FutureViewBuffer(int perSender) {
    if (perSender <= 0) {
      throw new IllegalArgumentException("perSender must be positive");
    }
    this.perSender = perSender;
  }

  /** Keeps {@code message} for {@code view}; returns false if its sender's quota is full. */
  boolean offer(long view, Authenticated<? extends PbftMessage> message) {
    List<Held> held = bySender.computeIfAbsent(message.sender(), s -> new ArrayList<>());
    if (held.size() >= perSender) {
      return false;
    }
    held.add(new Held(view, message));
    return true;
  }

  /**
   * Removes and returns, in arrival order per sender, the messages for {@code view}; messages for
   * lower views are discarded (they can never be used), higher ones stay.
   */
  List<Authenticated<? extends PbftMessage>> release(long view) {
    List<Authenticated<? extends PbftMessage>> ready = new ArrayList<>();
    for (List<Held> held : bySender.values()) {
      for (Held h : held) {
        if (h.view() == view) {
          ready.add(h.message());
        }
      }
      held.removeIf(h -> h.view() <= view);
    }
    bySender.values().removeIf(List::isEmpty);
    return ready;
  }

  boolean isEmpty() {
    return bySender.isEmpty();
  }

  /** Messages held (for tests and status). */
  int size() {
    return bySender.values().stream().mapToInt(List::size).sum();
  }
}

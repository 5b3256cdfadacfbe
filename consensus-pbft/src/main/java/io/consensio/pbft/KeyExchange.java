package io.consensio.pbft;

import io.consensio.api.services.Scheduler;
import io.consensio.api.types.NodeId;
import io.consensio.pbft.auth.MacAuthenticator;
import io.consensio.pbft.messages.MacPrePrepare;
import io.consensio.pbft.messages.NewKey;
import io.consensio.pbft.messages.Signed;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * When a {@code macs} replica sends its signed NEW-KEY (TOCS'02 §5): to everyone at start, asking
 * for theirs (learned keys are not persisted); again on each STATUS tick while a peer's key is
 * missing, since a NEW-KEY may be lost; in answer to a NEW-KEY that asks for one; and to a peer
 * whose pre-prepare could not be checked — asking for its key when this replica lacks it, or
 * offering this replica's key when the peer left this replica's tag empty. The last two are sent at
 * most once per {@code minIntervalMillis} per peer, so a peer cannot make this replica flood.
 * Checking the tags themselves is {@link MacAuthenticator}'s job. Not thread-safe; event loop only.
 */
final class KeyExchange {
  private final MacAuthenticator macs;
  private final Outbox outbox;
  private final Scheduler scheduler;
  private final long minIntervalMillis;
  private final Map<NodeId, Long> lastNudgedMillis = new HashMap<>();

  KeyExchange(MacAuthenticator macs, Outbox outbox, Scheduler scheduler, long minIntervalMillis) {
    this.macs = macs;
    this.outbox = outbox;
    this.scheduler = scheduler;
    this.minIntervalMillis = minIntervalMillis;
  }

  void start() {
    outbox.broadcast(macs.announcement(true));
  }

  void onStatusTick() {
    if (!macs.knowsAllPeers()) {
      outbox.broadcast(macs.announcement(true));
    }
  }

  /** Learns a peer's key from a verified NEW-KEY and answers it if asked; returns a drop reason. */
  Optional<String> onNewKey(Signed<NewKey> signed) {
    Optional<String> refused = macs.onNewKey(signed);
    if (refused.isEmpty() && signed.message().replyWanted()) {
      outbox.send(signed.sender(), macs.announcement(false));
    }
    return refused;
  }

  /** Checks this replica's tag in {@code received}; returns the reason to drop it, or empty. */
  Optional<String> check(MacPrePrepare received) {
    Optional<String> refused = macs.check(received);
    if (refused.isPresent()) {
      switch (refused.get()) {
        case "unknown-mac-key" -> nudge(received.sender(), true);
        case "missing-mac" -> nudge(received.sender(), false);
        default -> {
          // A wrong tag is the sender's fault, not a missing key: nothing to send.
        }
      }
    }
    return refused;
  }

  private void nudge(NodeId peer, boolean replyWanted) {
    long now = scheduler.nowMillis();
    Long last = lastNudgedMillis.get(peer);
    if (last != null && now - last < minIntervalMillis) {
      return;
    }
    lastNudgedMillis.put(peer, now);
    outbox.send(peer, macs.announcement(replyWanted));
  }
}

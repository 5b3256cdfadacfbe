package io.consensio.pbft;

import io.consensio.api.types.NodeId;

/**
 * Normal-case retransmission (TOCS'02 §5.2 and §6 of Castro's thesis: the protocol's liveness
 * assumes messages are eventually delivered, so replicas retransmit until they make progress). On
 * every tick this replica re-multicasts, for the sequence numbers above its last executed one that
 * are not yet committed-local in the current view, the messages it already sent there: the primary
 * its PRE-PREPARE while the slot is not prepared, every replica its own PREPARE and, once sent, its
 * own COMMIT. Nothing new is signed, so a retransmission can never contradict an earlier message,
 * and receivers put it through exactly the checks of the original. At most {@code maxSlotsPerTick}
 * sequence numbers (the lowest, which block execution) are retransmitted per tick. Not thread-safe;
 * runs on the event loop.
 */
final class Retransmitter {
  private final NodeId self;
  private final Quorum quorum;
  private final ReplicaState state;
  private final MessageLog log;
  private final Outbox outbox;
  private final int maxSlotsPerTick;

  Retransmitter(
      NodeId self,
      Quorum quorum,
      ReplicaState state,
      MessageLog log,
      Outbox outbox,
      int maxSlotsPerTick) {
    if (maxSlotsPerTick <= 0) {
      throw new IllegalArgumentException("maxSlotsPerTick must be positive");
    }
    this.self = self;
    this.quorum = quorum;
    this.state = state;
    this.log = log;
    this.outbox = outbox;
    this.maxSlotsPerTick = maxSlotsPerTick;
  }

  /**
   * Re-sends this replica's messages for unfinished slots; returns how many sequence numbers it
   * retransmitted for. A replica between VIEW-CHANGE and NEW-VIEW sends nothing here: the view
   * change has its own retransmission ({@link ViewChanger#resend()}).
   */
  int retransmit() {
    if (!state.active) {
      return 0;
    }
    boolean primary = quorum.primary(state.view).equals(self);
    int slots = 0;
    for (Slot slot : log.slotsOfViewFrom(state.view, state.lastExecuted + 1)) {
      if (slots >= maxSlotsPerTick) {
        break;
      }
      if (slot.committed() || slot.prePrepare().isEmpty()) {
        continue;
      }
      boolean sent = false;
      if (primary && !slot.isPrepared(quorum)) {
        outbox.broadcastPrePrepare(slot.prePrepare().get());
        sent = true;
      }
      if (!primary && slot.prepareFrom(self).isPresent()) {
        outbox.broadcast(slot.prepareFrom(self).get());
        sent = true;
      }
      if (slot.commitSent() && slot.commitFrom(self).isPresent()) {
        outbox.broadcast(slot.commitFrom(self).get());
        sent = true;
      }
      if (sent) {
        slots++;
      }
    }
    return slots;
  }
}

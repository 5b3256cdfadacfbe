package io.consensio.pbft;

import java.util.List;

/**
 * Lets a replica that missed the messages of a sequence number catch up without waiting for the
 * next stable checkpoint or a view change (TOCS'02 §5.2/§6.2: a replica that falls behind fetches
 * what it is missing from others). It remembers the highest sequence number it saw another replica
 * COMMIT or CHECKPOINT; when, on a tick, its own execution has not moved since the previous tick
 * while that number is ahead, it asks {@link StateTransfer} for the committed blocks, which arrive
 * sealed with their commit certificates and are verified before they execute — so a faulty replica
 * that claims a high sequence number can cost one small request per tick, never safety. Heard
 * numbers are clamped to the high water mark to keep that cost bounded. Not thread-safe.
 */
final class CatchUpTrigger {
  private final ReplicaState state;
  private final Watermarks watermarks;
  private final StateTransfer stateTransfer;
  private long highestHeard;
  private long executedAtLastTick = -1;

  CatchUpTrigger(ReplicaState state, Watermarks watermarks, StateTransfer stateTransfer) {
    this.state = state;
    this.watermarks = watermarks;
    this.stateTransfer = stateTransfer;
  }

  /** Another replica sent a COMMIT or CHECKPOINT for {@code seq} (signature already checked). */
  void heard(long seq) {
    highestHeard = Math.max(highestHeard, Math.min(seq, watermarks.high()));
  }

  /** The highest sequence number heard of so far (for tests and status). */
  long highestHeard() {
    return highestHeard;
  }

  /** Called every tick: fetches certified blocks if execution stalled behind what others did. */
  void onTick() {
    boolean stalled = state.lastExecuted == executedAtLastTick;
    executedAtLastTick = state.lastExecuted;
    if (stalled && highestHeard > state.lastExecuted) {
      stateTransfer.catchUpTo(highestHeard, List.of());
    }
  }
}

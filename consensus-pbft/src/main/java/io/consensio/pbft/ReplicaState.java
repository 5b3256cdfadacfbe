package io.consensio.pbft;

import io.consensio.api.types.Hash;

/**
 * The few mutable facts every protocol part reads: the current view, whether the replica is active
 * in it (false between sending VIEW-CHANGE and accepting the NEW-VIEW, when only checkpoint,
 * view-change and new-view messages are processed, OSDI'99 §4.4), and the last executed sequence
 * number and block. Sequence number n orders the block at height n. Not thread-safe.
 */
final class ReplicaState {
  long view;
  boolean active = true;
  long lastExecuted;
  Hash lastExecutedId;
}

package io.consensio.pbft;

import io.consensio.api.services.Metrics;
import io.consensio.api.types.Hash;
import io.consensio.pbft.messages.PrePrepare;
import io.consensio.pbft.messages.PreparedProof;
import java.util.Optional;

/**
 * Rebuilds the message log of a restarted replica from its {@link ReplicaStore} (TOCS'02 §4: a
 * replica keeps its log across restarts so that it never contradicts what it sent): the
 * pre-prepares above the low water mark, with their blocks taken from the ledger by d, the
 * pre-prepares of the last NEW-VIEW's O whose block never arrived (fetched again), its own prepares
 * and commits, and its prepared certificates that verify. Then the primary's proposal cursor
 * continues after the highest pre-prepare of the current view. Runs once, on the event loop, at
 * start.
 */
final class LogRecovery {
  private final ReplicaStore store;
  private final LedgerBodies bodies;
  private final ReplicaState state;
  private final NormalCase normal;
  private final MessageLog log;
  private final ViewChangeProtocol protocol;
  private final Metrics metrics;

  LogRecovery(
      ReplicaStore store,
      LedgerBodies bodies,
      ReplicaState state,
      NormalCase normal,
      MessageLog log,
      ViewChangeProtocol protocol,
      Metrics metrics) {
    this.store = store;
    this.bodies = bodies;
    this.state = state;
    this.normal = normal;
    this.log = log;
    this.protocol = protocol;
    this.metrics = metrics;
  }

  /** Restores every record above {@code lowWatermark} (the rest was garbage-collected, §4.3). */
  void restore(long lowWatermark) {
    long cursor = state.lastExecuted + 1;
    Hash cursorParent = state.lastExecutedId;
    for (ReplicaStore.PrePrepareRef ref : store.prePrepares()) {
      if (ref.seq() <= lowWatermark) {
        continue;
      }
      Optional<PrePrepare> pp = bodies.prePrepare(ref);
      if (pp.isPresent()) {
        normal.restore(pp.get());
      } else {
        // The ledger syncs each block with the pre-prepare that names it, so this takes a store
        // that lost writes; the slot is then kept without its body, and the body fetched.
        metrics.increment("pbft.restore.missing_body");
        normal.restoreBodiless(ref);
      }
      if (ref.view() == state.view && ref.seq() >= cursor) {
        cursor = ref.seq() + 1;
        cursorParent = ref.digest();
      }
    }
    for (ReplicaStore.PrePrepareRef ref : store.assigned()) {
      if (ref.seq() > lowWatermark) {
        normal.restoreBodiless(ref);
      }
    }
    store.prepares().forEach(normal::restorePrepare);
    store.commits().forEach(normal::restoreCommit);
    for (PreparedProof proof : store.preparedProofs()) {
      // One certificate that does not verify (say, prepares signed under the v1 wire format)
      // would make every VIEW-CHANGE this replica sends invalid, so it could never help a view
      // change again.
      if (protocol.isValidPreparedProof(proof)) {
        log.recordPrepared(proof);
      } else {
        metrics.increment("pbft.restore.invalid_prepared");
      }
    }
    normal.setProposalCursor(cursor, cursorParent);
  }
}

package io.consensio.pbft;

import io.consensio.api.crypto.Verifier;
import io.consensio.api.types.Hash;
import io.consensio.pbft.messages.Signed;
import io.consensio.pbft.messages.Status;
import java.util.Optional;

/**
 * Periodic STATUS multicast and its handling (Castro's BFT library status messages, TOCS'02 §5.2;
 * the checkpoint proof triggers state transfer as in §6.2). Without it a replica learns what it
 * missed only from new protocol traffic: one that restarts or reconnects while the group is idle
 * would stay behind until the next request. A STATUS carries the sender's stable checkpoint with
 * its 2f+1 signed CHECKPOINT messages, which a receiver behind that checkpoint verifies and adopts
 * (advancing its watermarks and fetching the certified blocks), and the sender's last executed
 * sequence number, which feeds {@link CatchUpTrigger} for the blocks above the checkpoint. Neither
 * field is trusted beyond what it proves: a bad proof is dropped, and an inflated sequence number
 * costs at most one fetch request per tick, bounded by the high water mark. Not thread-safe.
 */
final class StatusGossip {
  /** Where a verified stable checkpoint from a STATUS goes. */
  interface CheckpointSink {
    void adopt(StableCheckpoint checkpoint);
  }

  private final Quorum quorum;
  private final Verifier verifier;
  private final ReplicaState state;
  private final Checkpoints checkpoints;
  private final CatchUpTrigger catchUp;
  private final Outbox outbox;
  private final CheckpointSink sink;
  private final Hash genesisId;
  private final int checkpointInterval;

  StatusGossip(
      Quorum quorum,
      Verifier verifier,
      ReplicaState state,
      Checkpoints checkpoints,
      CatchUpTrigger catchUp,
      Outbox outbox,
      CheckpointSink sink,
      Hash genesisId,
      int checkpointInterval) {
    this.quorum = quorum;
    this.verifier = verifier;
    this.state = state;
    this.checkpoints = checkpoints;
    this.catchUp = catchUp;
    this.outbox = outbox;
    this.sink = sink;
    this.genesisId = genesisId;
    this.checkpointInterval = checkpointInterval;
  }

  /** Multicasts this replica's current STATUS. */
  void broadcast() {
    StableCheckpoint stable = checkpoints.stable();
    outbox.broadcast(
        outbox.sign(new Status(state.view, state.lastExecuted, stable.seq(), stable.proof())));
  }

  /**
   * Handles a signature-checked STATUS: adopts a newer stable checkpoint if its proof holds, and
   * notes the sender's execution progress. Returns the reason it was dropped, if it was.
   */
  Optional<String> onStatus(Signed<Status> signed) {
    Status status = signed.message();
    if (status.stableSeq() > checkpoints.stable().seq()) {
      StableCheckpoint proven =
          StableCheckpoint.verified(
              status.stableSeq(),
              status.stableProof(),
              genesisId,
              checkpointInterval,
              quorum,
              verifier);
      if (proven == null) {
        return Optional.of("bad-checkpoint-proof");
      }
      sink.adopt(proven);
    }
    catchUp.heard(status.lastExecuted());
    return Optional.empty();
  }
}

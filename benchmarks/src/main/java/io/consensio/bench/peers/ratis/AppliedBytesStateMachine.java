package io.consensio.bench.peers.ratis;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;

/**
 * The least state machine Ratis needs: it adds the size of every applied entry to a counter and
 * records the applied index (Ratis reads it for its commit bookkeeping). Replies with an empty
 * message; no snapshots.
 *
 * <p>Threading: Ratis applies transactions one at a time on its state-machine updater thread;
 * {@link #appliedBytes} may be read from any thread.
 */
final class AppliedBytesStateMachine extends BaseStateMachine {
  private final AtomicLong appliedBytes = new AtomicLong();

  @Override
  public CompletableFuture<Message> applyTransaction(TransactionContext transaction) {
    LogEntryProto entry = transaction.getLogEntry();
    appliedBytes.addAndGet(entry.getStateMachineLogEntry().getLogData().size());
    updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
    return CompletableFuture.completedFuture(Message.EMPTY);
  }

  long appliedBytes() {
    return appliedBytes.get();
  }
}

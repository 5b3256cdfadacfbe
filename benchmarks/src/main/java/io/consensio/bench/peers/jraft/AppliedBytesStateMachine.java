package io.consensio.bench.peers.jraft;

import com.alipay.sofa.jraft.Closure;
import com.alipay.sofa.jraft.Iterator;
import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.core.StateMachineAdapter;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The least state machine SOFAJRaft needs: it adds the size of every applied entry to a counter and
 * completes the entry's closure on the leader, which is when SOFAJRaft reports a task committed. No
 * snapshots (the benchmark's log never grows large enough to need one).
 *
 * <p>Threading: SOFAJRaft calls {@link #onApply} on its one FSM thread; {@link #appliedBytes} may
 * be read from any thread.
 */
final class AppliedBytesStateMachine extends StateMachineAdapter {
  private final AtomicLong appliedBytes = new AtomicLong();

  @Override
  public void onApply(Iterator entries) {
    while (entries.hasNext()) {
      appliedBytes.addAndGet(entries.getData().remaining());
      Closure done = entries.done();
      if (done != null) {
        done.run(Status.OK());
      }
      entries.next();
    }
  }

  long appliedBytes() {
    return appliedBytes.get();
  }
}

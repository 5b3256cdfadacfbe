package io.consensio.bench.peers.bftsmart;

import bftsmart.tom.MessageContext;
import bftsmart.tom.server.defaultservices.DefaultSingleRecoverable;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The least service BFT-SMaRt needs: every ordered request adds its size to a counter, and the
 * reply is empty, so all correct replicas reply the same. The snapshot (for BFT-SMaRt's checkpoints
 * and state transfer) is the counter.
 *
 * <p>Threading: BFT-SMaRt executes ordered requests on its delivery thread; {@link #appliedBytes}
 * may be read from any thread.
 */
final class AppliedBytesReplica extends DefaultSingleRecoverable {
  private static final byte[] EMPTY = new byte[0];

  private final AtomicLong appliedBytes = new AtomicLong();

  @Override
  public byte[] appExecuteOrdered(byte[] command, MessageContext context) {
    appliedBytes.addAndGet(command.length);
    return EMPTY;
  }

  @Override
  public byte[] appExecuteUnordered(byte[] command, MessageContext context) {
    return EMPTY;
  }

  @Override
  public byte[] getSnapshot() {
    return ByteBuffer.allocate(Long.BYTES).putLong(appliedBytes.get()).array();
  }

  @Override
  public void installSnapshot(byte[] state) {
    appliedBytes.set(ByteBuffer.wrap(state).getLong());
  }

  long appliedBytes() {
    return appliedBytes.get();
  }
}

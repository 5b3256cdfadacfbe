package io.consensio.sim.net;

import io.consensio.api.types.NodeId;
import java.util.Random;

/**
 * A per-link delay model: how long a message of {@code bytes} from {@code from} to {@code to}, sent
 * at {@code nowMicros}, takes to arrive. Unlike a {@link LatencyModel} it sees both ends and the
 * size, so it can model geography (regions) and bandwidth (a sender's uplink serialising what it
 * sends). When a {@link SimNetwork} has one it replaces the network model's latency sample; loss,
 * duplication and reordering still come from the {@link NetworkModel}.
 *
 * <p>Threading: called only on the simulation thread; it may keep state (e.g. when each uplink is
 * next free), which must evolve deterministically from its inputs and {@code random}.
 */
public interface LinkDelay {
  /** The delay in microseconds, never negative. */
  long delayMicros(NodeId from, NodeId to, int bytes, long nowMicros, Random random);
}

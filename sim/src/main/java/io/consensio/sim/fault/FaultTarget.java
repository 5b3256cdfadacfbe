package io.consensio.sim.fault;

import io.consensio.api.types.NodeId;
import java.util.Map;
import java.util.Set;

/**
 * What the {@link FaultScheduler} does to a simulation, implemented by the orchestrator (which owns
 * the nodes, their schedulers, disks and the network). Called on the event-queue thread at the
 * action's virtual time. The scheduler never asks for an impossible transition: it only restarts
 * crashed nodes, resumes paused ones, and never crashes or pauses a node that is down or paused.
 */
public interface FaultTarget {
  /** Kill the node's process: its scheduler and disk crash, in-flight state is lost. */
  void crash(NodeId node);

  /** Bring a crashed node back: reopen its disk, rebuild its core and engine, start it. */
  void restart(NodeId node);

  void pause(NodeId node);

  void resume(NodeId node);

  /** Split the network into the named groups (see {@code Partitions#partition}). */
  void partition(Map<String, Set<NodeId>> groups);

  /** Nodes of {@code from} can no longer reach nodes of {@code to}; the reverse still works. */
  void blockOneWay(Set<NodeId> from, Set<NodeId> to);

  /** Remove every partition and one-way block. */
  void heal();

  void setClockSkew(NodeId node, long skewMillis);
}

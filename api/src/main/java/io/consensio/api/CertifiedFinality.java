package io.consensio.api;

import io.consensio.api.types.Block;
import io.consensio.api.types.NodeId;
import java.util.List;

/**
 * An optional capability of a {@link ConsensusEngine} whose final blocks carry a certificate signed
 * by replicas (PBFT's commit certificate): the node's API uses it to tell a client which replicas
 * vouch for the block holding its transaction, and how many matching replies from distinct replicas
 * a client needs before it treats a result as final — f+1 for a byzantine-fault-tolerant engine,
 * because at least one of them is correct (Castro and Liskov, OSDI'99 §4.1). Engines without such
 * certificates simply do not implement it.
 *
 * <p>Threading: called on the node's event loop, like every engine method.
 */
public interface CertifiedFinality {
  /** Matching replies from distinct replicas that make a result final to a client. */
  int repliesNeeded();

  /**
   * The distinct members whose signatures in {@code block}'s seal verify, in member order; empty
   * when the seal certifies nothing (no seal yet, or not a valid certificate).
   */
  List<NodeId> certifiedBy(Block block);
}

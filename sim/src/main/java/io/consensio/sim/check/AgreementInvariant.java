package io.consensio.sim.check;

import io.consensio.api.ledger.ChainStore;
import io.consensio.api.types.Block;
import io.consensio.api.types.Hash;
import io.consensio.api.types.NodeId;
import java.util.HashMap;
import java.util.Map;

/**
 * Agreement: no two nodes finalize different blocks at the same height (the safety property every
 * consensus protocol promises, e.g. Castro and Liskov's PBFT §4.5 "safety", Raft's State Machine
 * Safety, Figure 3).
 *
 * <p>Remembers the first final block seen at each height (memory grows with the chain: one hash per
 * height) and compares every node's newly final blocks, read by walking back from its finalized
 * head, against it.
 */
public final class AgreementInvariant implements Invariant {
  private record Seen(Hash blockId, NodeId node) {}

  private final Map<Long, Seen> finalByHeight = new HashMap<>();
  private final Map<NodeId, Long> checkedHeight = new HashMap<>();

  @Override
  public String name() {
    return "agreement";
  }

  @Override
  public void check(NodeId node, ChainStore chain, ViolationSink sink) {
    long checked = checkedHeight.getOrDefault(node, -1L);
    Block finalized = chain.finalizedHead();
    for (Block block : FinalAncestry.above(chain, finalized, checked)) {
      Seen first = finalByHeight.putIfAbsent(block.height(), new Seen(block.id(), node));
      if (first != null && !first.blockId().equals(block.id())) {
        sink.safety(
            node,
            node
                + " finalized block "
                + block.id().shortHex()
                + " at height "
                + block.height()
                + " but "
                + first.node()
                + " finalized "
                + first.blockId().shortHex());
      }
    }
    checkedHeight.put(node, Math.max(checked, finalized.height()));
  }
}

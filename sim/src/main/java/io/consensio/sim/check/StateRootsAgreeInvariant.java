package io.consensio.sim.check;

import io.consensio.api.ledger.ChainStore;
import io.consensio.api.ledger.LedgerState;
import io.consensio.api.types.Block;
import io.consensio.api.types.Hash;
import io.consensio.api.types.NodeId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Final blocks at equal heights carry equal state roots on every node, and each node's executed
 * state matches the root its blocks claim: {@code stateAt(block)} (checked as soon as a block is
 * seen final, before old states are pruned) and the head state against the head block.
 *
 * <p>Equal roots follow from agreement on block ids (the root is part of the id); what this adds is
 * that a node's state machine really computed that root, i.e. deterministic execution.
 */
public final class StateRootsAgreeInvariant implements Invariant {
  private record Seen(Hash stateRoot, NodeId node) {}

  private final Map<Long, Seen> rootByHeight = new HashMap<>();
  private final Map<NodeId, Long> checkedHeight = new HashMap<>();
  private final Map<NodeId, Hash> checkedHead = new HashMap<>();

  @Override
  public String name() {
    return "state-roots-agree";
  }

  @Override
  public void check(NodeId node, ChainStore chain, ViolationSink sink) {
    long checked = checkedHeight.getOrDefault(node, -1L);
    Block finalized = chain.finalizedHead();
    for (Block block : FinalAncestry.above(chain, finalized, checked)) {
      Hash claimed = block.header().stateRoot();
      Seen first = rootByHeight.putIfAbsent(block.height(), new Seen(claimed, node));
      if (first != null && !first.stateRoot().equals(claimed)) {
        sink.safety(
            node,
            "final state root at height "
                + block.height()
                + " is "
                + claimed.shortHex()
                + " on "
                + node
                + " but "
                + first.stateRoot().shortHex()
                + " on "
                + first.node());
      }
      Optional<LedgerState> state = chain.stateAt(block.id());
      if (state.isPresent() && !state.get().stateRoot().equals(claimed)) {
        sink.safety(
            node,
            node
                + " computed state root "
                + state.get().stateRoot().shortHex()
                + " after block "
                + block.id().shortHex()
                + " at height "
                + block.height()
                + " whose header claims "
                + claimed.shortHex());
      }
    }
    checkedHeight.put(node, Math.max(checked, finalized.height()));

    Block head = chain.head();
    if (!head.id().equals(checkedHead.get(node))) {
      Hash actual = chain.headState().stateRoot();
      if (!actual.equals(head.header().stateRoot())) {
        sink.safety(
            node,
            node
                + "'s head state root "
                + actual.shortHex()
                + " differs from head block "
                + head.id().shortHex()
                + "'s claimed "
                + head.header().stateRoot().shortHex());
      }
      checkedHead.put(node, head.id());
    }
  }

  @Override
  public void onRestart(NodeId node) {
    // The reopened ledger recomputes or reloads its head state: check it again.
    checkedHead.remove(node);
  }
}

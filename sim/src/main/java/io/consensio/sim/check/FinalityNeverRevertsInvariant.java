package io.consensio.sim.check;

import io.consensio.api.ledger.ChainStore;
import io.consensio.api.types.Block;
import io.consensio.api.types.Hash;
import io.consensio.api.types.NodeId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A block once seen final on a node stays final and canonical there, including after the node
 * crashes and reopens its ledger ({@code ChainStore.markFinal} syncs before returning).
 *
 * <p>Only the highest final block seen per node is remembered: while it is canonical, so is every
 * ancestor (the canonical chain is a path), so checking it covers the whole final prefix in O(1).
 * The checker also requires the finalized head to be on the canonical chain and never to move down.
 */
public final class FinalityNeverRevertsInvariant implements Invariant {
  private record Seen(Hash id, long height) {}

  private final Map<NodeId, Seen> highestFinal = new HashMap<>();

  @Override
  public String name() {
    return "finality-never-reverts";
  }

  @Override
  public void check(NodeId node, ChainStore chain, ViolationSink sink) {
    Block finalized = chain.finalizedHead();
    if (!chain.isCanonical(finalized.id())) {
      sink.safety(
          node,
          "finalized head "
              + finalized.id().shortHex()
              + " at height "
              + finalized.height()
              + " is not on the canonical chain of "
              + node);
    }
    Seen before = highestFinal.get(node);
    if (before != null) {
      checkStillFinal(node, chain, finalized, before, sink);
    }
    if (before == null || finalized.height() >= before.height()) {
      highestFinal.put(node, new Seen(finalized.id(), finalized.height()));
    }
  }

  private static void checkStillFinal(
      NodeId node, ChainStore chain, Block finalized, Seen before, ViolationSink sink) {
    String was = "block " + before.id().shortHex() + " at height " + before.height();
    if (finalized.height() < before.height()) {
      sink.safety(
          node,
          node
              + "'s finalized head went back from height "
              + before.height()
              + " to "
              + finalized.height()
              + "; "
              + was
              + " was final");
      return;
    }
    if (chain.isCanonical(before.id())) {
      return;
    }
    Optional<Block> nowAtHeight = chain.canonicalAt(before.height());
    if (nowAtHeight.isPresent()) {
      sink.safety(
          node,
          was
              + " was final on "
              + node
              + " but the canonical block there is now "
              + nowAtHeight.get().id().shortHex());
    } else if (chain.contains(before.id())) {
      sink.safety(node, was + " was final on " + node + " but is no longer canonical");
    }
    // Otherwise the node pruned that height or replaced it with a snapshot: nothing to compare.
  }
}

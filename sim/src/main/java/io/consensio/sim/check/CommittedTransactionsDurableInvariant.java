package io.consensio.sim.check;

import io.consensio.api.ledger.ChainStore;
import io.consensio.api.ledger.TxLocation;
import io.consensio.api.types.Block;
import io.consensio.api.types.Hash;
import io.consensio.api.types.NodeId;
import io.consensio.api.types.Transaction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every transaction seen final on a node is found by {@code findTransaction} on that node, in the
 * same block, as final: when it first becomes final and again after each restart, once the node's
 * finalized head has caught up to that height. A final transaction the node cannot find counts as
 * one {@link Violation.Kind#COMMITTED_TX_LOST}; one found in another block is a safety violation.
 *
 * <p>Keeps the ids of every final transaction per node (memory grows with the transactions
 * committed). After a restart it re-verifies them in height order as the node catches up, so each
 * check costs only the heights the node gained since the previous one.
 */
public final class CommittedTransactionsDurableInvariant implements Invariant {
  private record FinalBlock(long height, Hash blockId, List<Hash> txIds) {}

  private static final class NodeRecord {
    final List<FinalBlock> finalBlocks = new ArrayList<>();
    long recordedHeight = -1;

    /** Index of the next record to re-verify after a restart; size() when nothing is pending. */
    int reverifyFrom;
  }

  private final Map<NodeId, NodeRecord> records = new HashMap<>();

  @Override
  public String name() {
    return "committed-transactions-durable";
  }

  @Override
  public void check(NodeId node, ChainStore chain, ViolationSink sink) {
    NodeRecord record = records.computeIfAbsent(node, n -> new NodeRecord());
    Block finalized = chain.finalizedHead();

    while (record.reverifyFrom < record.finalBlocks.size()
        && record.finalBlocks.get(record.reverifyFrom).height() <= finalized.height()) {
      FinalBlock block = record.finalBlocks.get(record.reverifyFrom++);
      for (Hash txId : block.txIds()) {
        verify(node, chain, txId, block.height(), block.blockId(), "after a restart", sink);
      }
    }

    for (Block block : FinalAncestry.above(chain, finalized, record.recordedHeight)) {
      if (block.transactions().isEmpty()) {
        continue;
      }
      List<Hash> ids = new ArrayList<>(block.transactions().size());
      for (Transaction tx : block.transactions()) {
        ids.add(tx.id());
        verify(node, chain, tx.id(), block.height(), block.id(), "once final", sink);
      }
      record.finalBlocks.add(new FinalBlock(block.height(), block.id(), List.copyOf(ids)));
      // New heights lie above every recorded one, so re-verification (which stops at the
      // finalized height) is complete and the block just verified needs none.
      record.reverifyFrom = record.finalBlocks.size();
    }
    record.recordedHeight = Math.max(record.recordedHeight, finalized.height());
  }

  private static void verify(
      NodeId node,
      ChainStore chain,
      Hash txId,
      long height,
      Hash blockId,
      String when,
      ViolationSink sink) {
    Optional<TxLocation> location = chain.findTransaction(txId);
    String what =
        "transaction "
            + txId.shortHex()
            + " final at height "
            + height
            + " in block "
            + blockId.shortHex();
    if (location.isEmpty()) {
      sink.report(
          Violation.Kind.COMMITTED_TX_LOST, node, what + " is not found on " + node + " " + when);
    } else if (!location.get().blockId().equals(blockId) || !location.get().isFinal()) {
      TxLocation at = location.get();
      sink.safety(
          node,
          what
              + " is found "
              + when
              + " on "
              + node
              + " in block "
              + at.blockId().shortHex()
              + " at height "
              + at.height()
              + (at.isFinal() ? "" : " (not final)"));
    }
  }

  @Override
  public void onRestart(NodeId node) {
    NodeRecord record = records.get(node);
    if (record != null) {
      record.reverifyFrom = 0;
    }
  }
}

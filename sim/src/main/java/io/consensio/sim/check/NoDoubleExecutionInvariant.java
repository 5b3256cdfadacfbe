package io.consensio.sim.check;

import io.consensio.api.crypto.PublicKey;
import io.consensio.api.ledger.ChainStore;
import io.consensio.api.types.Block;
import io.consensio.api.types.Hash;
import io.consensio.api.types.NodeId;
import io.consensio.api.types.Transaction;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * No transaction executes twice on a node's canonical chain: no (sender, nonce) pair appears twice
 * (which covers a repeated transaction id, since the id commits to sender and nonce) — the replay
 * protection the nonce exists for.
 *
 * <p>Incremental over reorgs: the checker keeps the (sender, nonce) pairs of the canonical chain it
 * has scanned, and a stack of the scanned blocks that are not final yet. On each check it pops
 * stacked blocks that left the canonical chain (forgetting their pairs), scans the new canonical
 * blocks up to the head, and drops blocks that became final from the stack (their pairs stay
 * forever). Memory grows with the transactions on the chain.
 */
public final class NoDoubleExecutionInvariant implements Invariant {
  private record SenderNonce(PublicKey sender, long nonce) {}

  private record Use(Hash txId, long height) {}

  private record Scanned(Hash blockId, long height, List<SenderNonce> added) {}

  private static final class NodeRecord {
    final Map<SenderNonce, Use> used = new HashMap<>();
    final Deque<Scanned> unfinal = new ArrayDeque<>();
    long finalScannedHeight = -1;

    long topHeight() {
      return unfinal.isEmpty() ? finalScannedHeight : unfinal.peekLast().height();
    }
  }

  private final Map<NodeId, NodeRecord> records = new HashMap<>();

  @Override
  public String name() {
    return "no-double-execution";
  }

  @Override
  public void check(NodeId node, ChainStore chain, ViolationSink sink) {
    NodeRecord record = records.computeIfAbsent(node, n -> new NodeRecord());

    while (!record.unfinal.isEmpty() && !chain.isCanonical(record.unfinal.peekLast().blockId())) {
      Scanned abandoned = record.unfinal.removeLast();
      for (SenderNonce key : abandoned.added()) {
        record.used.remove(key);
      }
    }

    for (Block block : FinalAncestry.above(chain, chain.head(), record.topHeight())) {
      List<SenderNonce> added = new ArrayList<>();
      for (Transaction tx : block.transactions()) {
        SenderNonce key = new SenderNonce(tx.sender(), tx.nonce());
        Use previous = record.used.putIfAbsent(key, new Use(tx.id(), block.height()));
        if (previous == null) {
          added.add(key);
        } else {
          sink.safety(node, describe(node, tx, block, previous));
        }
      }
      record.unfinal.addLast(new Scanned(block.id(), block.height(), added));
    }

    long finalHeight = chain.finalizedHead().height();
    while (!record.unfinal.isEmpty() && record.unfinal.peekFirst().height() <= finalHeight) {
      record.finalScannedHeight = record.unfinal.removeFirst().height();
    }
  }

  private static String describe(NodeId node, Transaction tx, Block block, Use previous) {
    String where = " at height " + block.height() + " and at height " + previous.height();
    if (previous.txId().equals(tx.id())) {
      return "transaction " + tx.id().shortHex() + " executed twice on " + node + where;
    }
    return "sender "
        + tx.sender()
        + " nonce "
        + tx.nonce()
        + " used by two transactions ("
        + previous.txId().shortHex()
        + ", "
        + tx.id().shortHex()
        + ") on "
        + node
        + where;
  }
}

package io.consensio.runtime.client;

import io.consensio.api.types.Hash;
import io.consensio.api.types.Transaction;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A client of a replicated ledger that trusts no single node: a transaction is final to it once
 * {@code repliesNeeded} distinct nodes report it final in the same block at the same place. With f
 * byzantine replicas that is f+1 replies, of which at least one is from a correct replica — the
 * client rule of PBFT (Castro and Liskov, OSDI'99 §4.1: "the client waits for f+1 replies with
 * valid signatures from different replicas, and with the same result"). Here the "result" is the
 * block holding the transaction and its position, which fixes the state the transaction executed
 * against and produced (the block commits to its state root).
 *
 * <p>Nodes are asked in the given order and asking stops as soon as enough of them agree, so a
 * healthy cluster costs f+1 requests; a node that does not answer, answers with an error or reports
 * something else is skipped. Thread-safe: it holds only immutable state and thread-safe {@link
 * NodeClient}s. Every call blocks, at most for the nodes' timeouts.
 */
public final class QuorumClient {
  /** A result enough nodes agree on: the transaction's block and position, and who said so. */
  public record FinalReply(Hash txId, Hash blockId, long height, int index, List<URI> confirmedBy) {
    public FinalReply {
      confirmedBy = List.copyOf(confirmedBy);
    }
  }

  private record Place(Hash blockId, long height, int index) {}

  private final List<NodeClient> nodes;
  private final int repliesNeeded;

  /**
   * @param repliesNeeded matching replies that make a result final, between 1 and the number of
   *     nodes
   */
  public QuorumClient(List<NodeClient> nodes, int repliesNeeded) {
    this.nodes = List.copyOf(nodes);
    if (repliesNeeded < 1 || repliesNeeded > this.nodes.size()) {
      throw new IllegalArgumentException(
          "repliesNeeded must be between 1 and " + this.nodes.size() + ", got " + repliesNeeded);
    }
    this.repliesNeeded = repliesNeeded;
  }

  /** A client of 3f+1 (or more) replicas tolerating {@code f} byzantine ones: f+1 replies. */
  public static QuorumClient tolerating(int f, List<NodeClient> nodes) {
    return new QuorumClient(nodes, f + 1);
  }

  public int repliesNeeded() {
    return repliesNeeded;
  }

  /**
   * Hands {@code tx} to every node (a faulty node may accept it and drop it). Accepted if any node
   * accepted it; otherwise the last refusal. Throws {@link NodeUnreachableException} only if no
   * node answered at all.
   */
  public SubmitResult submit(Transaction tx) {
    Objects.requireNonNull(tx, "tx");
    SubmitResult accepted = null;
    SubmitResult refused = null;
    NodeClientException lastFailure = null;
    for (NodeClient node : nodes) {
      try {
        SubmitResult result = node.submit(tx);
        if (result.admitted()) {
          accepted = result;
        } else {
          refused = result;
        }
      } catch (NodeClientException e) {
        lastFailure = e;
      }
    }
    if (accepted != null) {
      return accepted;
    }
    if (refused != null) {
      return refused;
    }
    throw new NodeUnreachableException(
        "no node answered: " + lastFailure.getMessage(), lastFailure);
  }

  /**
   * Asks the nodes, in order, where the transaction stands; returns as soon as {@code
   * repliesNeeded} of them report it final at the same block and position, or empty when the nodes
   * asked do not (yet) agree that far.
   */
  public Optional<FinalReply> finality(Hash txId) {
    Map<Place, List<URI>> votes = new LinkedHashMap<>();
    for (NodeClient node : nodes) {
      Optional<TxStatus> status;
      try {
        status = node.transactionStatus(txId);
      } catch (NodeClientException e) {
        continue; // unreachable, an error, or an answer that is not the API's: no reply
      }
      if (status.isEmpty() || !status.get().isFinal()) {
        continue;
      }
      TxStatus s = status.get();
      Place place =
          new Place(s.blockId().orElseThrow(), s.height().getAsLong(), s.index().getAsInt());
      List<URI> confirming = votes.computeIfAbsent(place, p -> new ArrayList<>());
      confirming.add(node.baseUri());
      if (confirming.size() >= repliesNeeded) {
        return Optional.of(
            new FinalReply(txId, place.blockId(), place.height(), place.index(), confirming));
      }
    }
    return Optional.empty();
  }

  /**
   * Asks again every {@code pollInterval} until the transaction is final by {@link #finality} or
   * {@code timeout} has passed (then empty).
   */
  public Optional<FinalReply> awaitFinal(Hash txId, Duration timeout, Duration pollInterval) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<FinalReply> reply = finality(txId);
      if (reply.isPresent() || System.nanoTime() - deadline >= 0) {
        return reply;
      }
      try {
        Thread.sleep(pollInterval.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new NodeClientException("interrupted while waiting for finality of " + txId, e);
      }
    }
  }
}

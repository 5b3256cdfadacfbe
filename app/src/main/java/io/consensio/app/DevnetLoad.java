package io.consensio.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.consensio.api.crypto.Ed25519KeyPair;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.types.Hash;
import io.consensio.api.types.Transaction;
import io.consensio.api.types.TxPayload;
import io.consensio.runtime.client.NodeClient;
import io.consensio.runtime.client.NodeClientException;
import io.consensio.runtime.client.SubmitResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An open-loop client for a devnet: signed transfers between funded client accounts at a set rate,
 * each sent to a random node, and finality tracked by reading the final blocks of one node. Latency
 * is from submission to the first poll that finds the transaction in a final block. One thread
 * submits and another scans; they share only the pending map and the latency list.
 */
public final class DevnetLoad {
  private final List<Ed25519KeyPair> clients;
  private final long[] nextNonce;
  private final Map<Hash, Long> pending = new ConcurrentHashMap<>();
  private final List<Long> latenciesMillis = Collections.synchronizedList(new ArrayList<>());
  private final List<Hash> committedIds = Collections.synchronizedList(new ArrayList<>());
  private final Random random = new Random();
  // submitted/refused belong to the submitting thread, committed/lastScannedHeight to the scanner
  private volatile long submitted;
  private volatile long refused;
  private volatile long committed;
  private volatile long lastScannedHeight;
  private int nextClient;

  public DevnetLoad(List<Ed25519KeyPair> clients, NodeClient anyNode, long startHeight) {
    if (clients.size() < 2) {
      throw new IllegalStateException("a devnet needs at least two funded client keys");
    }
    this.clients = clients;
    this.nextNonce = new long[clients.size()];
    for (int i = 0; i < clients.size(); i++) {
      nextNonce[i] = anyNode.account(clients.get(i).publicKey()).nonce();
    }
    this.lastScannedHeight = startHeight;
  }

  /** Signs the next transfer of the next client and sends it to one of {@code nodes}. */
  public void submitOne(List<NodeClient> nodes) {
    int c = nextClient;
    nextClient = (nextClient + 1) % clients.size();
    Ed25519KeyPair from = clients.get(c);
    PublicKey to = clients.get((c + 1) % clients.size()).publicKey();
    Transaction tx =
        Transaction.sign(from, nextNonce[c], 1, new TxPayload.Transfer(to, 1 + random.nextInt(10)));
    NodeClient node = nodes.get(random.nextInt(nodes.size()));
    long now = System.currentTimeMillis();
    try {
      SubmitResult result = node.submit(tx);
      if (result.admitted()) {
        nextNonce[c]++;
        submitted++;
        pending.put(tx.id(), now);
      } else {
        refused++;
        if (result.reason().startsWith("nonce")) {
          nextNonce[c] = node.account(from.publicKey()).nonce();
        }
      }
    } catch (NodeClientException unreachable) {
      refused++;
    }
  }

  /**
   * Reads the final blocks {@code node} added since the last scan and settles their transactions.
   */
  public void scanFinalBlocks(NodeClient node) {
    long finalized = node.status().finalizedHeight();
    long now = System.currentTimeMillis();
    for (long h = lastScannedHeight + 1; h <= finalized; h++) {
      Optional<JsonNode> block = node.block(h);
      if (block.isEmpty()) {
        return;
      }
      for (JsonNode tx : block.get().path("transactions")) {
        Hash id = Hash.fromHex(tx.path("id").asText());
        Long at = pending.remove(id);
        if (at != null) {
          committedIds.add(id);
          committed++;
          latenciesMillis.add(now - at);
        }
      }
      lastScannedHeight = h;
    }
  }

  /** The transactions seen final so far, in the order they were found. */
  public List<Hash> committedIds() {
    synchronized (committedIds) {
      return List.copyOf(committedIds);
    }
  }

  public long submitted() {
    return submitted;
  }

  public long refused() {
    return refused;
  }

  public long committed() {
    return committed;
  }

  public long scannedHeight() {
    return lastScannedHeight;
  }

  public int pendingCount() {
    return pending.size();
  }

  /** The {@code p}-th percentile (0..100) of finality latency so far, or 0 with no data. */
  public double percentileMillis(double p) {
    return percentileMillisSince(0, p);
  }

  /** Latencies recorded so far; an index for {@link #percentileMillisSince}. */
  public int latencyCount() {
    return latenciesMillis.size();
  }

  /**
   * The {@code p}-th percentile of the latencies recorded from index {@code from} on (a window of a
   * long run), or 0 with no data.
   */
  public double percentileMillisSince(int from, double p) {
    List<Long> sorted;
    synchronized (latenciesMillis) {
      sorted =
          new ArrayList<>(
              latenciesMillis.subList(
                  Math.min(from, latenciesMillis.size()), latenciesMillis.size()));
    }
    if (sorted.isEmpty()) {
      return 0;
    }
    Collections.sort(sorted);
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }
}

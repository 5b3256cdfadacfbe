package io.consensio.app.bench;

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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The benchmark's clients: signed transfers between funded client accounts, each sent to a random
 * node, with finality read from one observer node's final blocks. Latency runs from the submission
 * to the scan that finds the transaction final, so its resolution is the scan interval.
 *
 * <p>Threading: the clients are split into {@code lanes}; each lane is driven by one thread at a
 * time ({@link #submitOne} with its lane number), so a client's nonces go out in order and HTTP
 * round trips of several lanes overlap. Another thread scans ({@link #scan}). Lanes share only the
 * pending map, the counters and the latency list, all safe for that.
 */
public final class ClientLoad {
  private final List<Ed25519KeyPair> clients;
  private final long[] nextNonce;
  private final Map<Hash, Long> pending = new ConcurrentHashMap<>();
  private final List<Long> latencies = new ArrayList<>();
  private final int lanes;
  private final int[] nextClient;
  // the benchmark's own node choice and amounts, one generator per lane; nothing here must replay
  private final Random[] random;
  private final AtomicLong submitted = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong committed = new AtomicLong();
  private volatile long scannedHeight;
  // first and last time a scan settled a transaction since the last reset (scanner thread writes)
  private volatile long firstCommitNanos;
  private volatile long lastCommitNanos;

  public ClientLoad(List<Ed25519KeyPair> clients, int lanes, NodeClient anyNode, long startHeight) {
    if (clients.size() < 2 || lanes < 1 || lanes > clients.size()) {
      throw new IllegalStateException(
          "the benchmark needs at least two funded client keys and 1.."
              + clients.size()
              + " lanes");
    }
    this.clients = clients;
    this.lanes = lanes;
    this.nextClient = new int[lanes];
    this.random = new Random[lanes];
    for (int lane = 0; lane < lanes; lane++) {
      nextClient[lane] = lane;
      random[lane] = new Random(lane);
    }
    this.nextNonce = new long[clients.size()];
    for (int i = 0; i < clients.size(); i++) {
      nextNonce[i] = anyNode.account(clients.get(i).publicKey()).nonce();
    }
    this.scannedHeight = startHeight;
  }

  public int lanes() {
    return lanes;
  }

  /** Signs the next transfer of {@code lane}'s next client and sends it to one of {@code nodes}. */
  public void submitOne(List<NodeClient> nodes, int lane) {
    int c = nextClient[lane];
    int following = c + lanes;
    nextClient[lane] = following < clients.size() ? following : lane;
    Ed25519KeyPair from = clients.get(c);
    PublicKey to = clients.get((c + 1) % clients.size()).publicKey();
    Random r = random[lane];
    Transaction tx =
        Transaction.sign(from, nextNonce[c], 1, new TxPayload.Transfer(to, 1 + r.nextInt(10)));
    NodeClient node = nodes.get(r.nextInt(nodes.size()));
    long now = System.nanoTime();
    try {
      pending.put(tx.id(), now);
      SubmitResult result = node.submit(tx);
      if (result.admitted()) {
        nextNonce[c]++;
        submitted.incrementAndGet();
      } else {
        pending.remove(tx.id());
        refused.incrementAndGet();
        if (result.reason().startsWith("nonce")) {
          nextNonce[c] = node.account(from.publicKey()).nonce();
        }
      }
    } catch (NodeClientException unreachable) {
      pending.remove(tx.id());
      refused.incrementAndGet();
    }
  }

  /** Reads the final blocks {@code observer} added since the last scan and settles their txs. */
  public void scan(NodeClient observer) {
    long finalized = observer.status().finalizedHeight();
    long now = System.nanoTime();
    for (long h = scannedHeight + 1; h <= finalized; h++) {
      Optional<JsonNode> block = observer.block(h);
      if (block.isEmpty()) {
        return;
      }
      for (JsonNode tx : block.get().path("transactions")) {
        Long at = pending.remove(Hash.fromHex(tx.path("id").asText()));
        if (at != null) {
          synchronized (latencies) {
            latencies.add((now - at) / 1_000_000);
          }
          committed.incrementAndGet();
          if (firstCommitNanos == 0) {
            firstCommitNanos = now;
          }
          lastCommitNanos = now;
        }
      }
      scannedHeight = h;
    }
  }

  public long submitted() {
    return submitted.get();
  }

  public long refused() {
    return refused.get();
  }

  public long committed() {
    return committed.get();
  }

  public int pendingCount() {
    return pending.size();
  }

  public long scannedHeight() {
    return scannedHeight;
  }

  /** The latencies to finality so far, in milliseconds, in the order they were seen. */
  public List<Long> latenciesMillis() {
    synchronized (latencies) {
      return List.copyOf(latencies);
    }
  }

  /** How many latencies are recorded; an index for {@link #latenciesMillisSince}. */
  public int latencyCount() {
    synchronized (latencies) {
      return latencies.size();
    }
  }

  /** The latencies recorded from index {@code from} on, in milliseconds (a window of a run). */
  public List<Long> latenciesMillisSince(int from) {
    synchronized (latencies) {
      return List.copyOf(latencies.subList(Math.min(from, latencies.size()), latencies.size()));
    }
  }

  /**
   * Forgets the latencies and commit times (keeps pending transactions), so a new phase measures
   * only itself.
   */
  public void resetLatencies() {
    synchronized (latencies) {
      latencies.clear();
      firstCommitNanos = 0;
      lastCommitNanos = 0;
    }
  }

  /** Milliseconds from the first to the last transaction settled since the last reset. */
  public double commitSpanMillis() {
    return firstCommitNanos == 0 ? 0 : (lastCommitNanos - firstCommitNanos) / 1e6;
  }
}

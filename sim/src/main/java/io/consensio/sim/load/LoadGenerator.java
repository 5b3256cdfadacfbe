package io.consensio.sim.load;

import io.consensio.api.crypto.Ed25519KeyPair;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.ledger.ChainStore;
import io.consensio.api.ledger.TxLocation;
import io.consensio.api.services.Cancellable;
import io.consensio.api.types.Hash;
import io.consensio.api.types.Transaction;
import io.consensio.api.types.TxPayload;
import io.consensio.sim.random.SeedTree;
import io.consensio.sim.time.EventQueue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Simulated clients: deterministic accounts that submit signed transfers and key/value writes at a
 * configured rate, and measure how long each takes to become final.
 *
 * <p>Client keys come from {@link Ed25519KeyPair#fromSeed} with seeds derived from the run's {@link
 * SeedTree} ({@code load/client/<i>}), so the same seed gives the same accounts and the same
 * transactions. {@link #genesisAccounts()} lists them with their balance for the genesis block.
 * Each client numbers its transactions 0, 1, 2, ... (the ledger's nonce rule) and keeps at most
 * {@link LoadConfig#maxPendingPerClient()} unfinished; arrivals follow a Poisson process over all
 * clients. Where a transaction goes is the orchestrator's choice: it passes a submitter (e.g.
 * "submit to the mempool of a random running node"). Transactions not seen final after {@link
 * LoadConfig#resubmitAfterMicros()} are submitted again, unchanged.
 *
 * <p>The generator cannot see the ledger by itself: the orchestrator calls {@link #pollFinality}
 * with some node's chain, and transactions found final there are done. Clients are outside the
 * nodes, so a node crash does not stop them. Threading: single-threaded, driven by the event queue.
 */
public final class LoadGenerator {
  private final LoadConfig config;
  private final EventQueue queue;
  private final Consumer<Transaction> submitter;
  private final Random random;
  private final List<Client> clients = new ArrayList<>();
  private final Map<Hash, Pending> pending = new LinkedHashMap<>();
  private final Map<Hash, Long> submittedAt = new LinkedHashMap<>();
  private final LatencyStats latency = new LatencyStats();
  private Cancellable nextArrival;
  private Cancellable nextRetry;
  private long submitted;
  private long resubmissions;
  private long finalized;
  private long throttled;

  public LoadGenerator(
      LoadConfig config, SeedTree seeds, EventQueue queue, Consumer<Transaction> submitter) {
    this.config = Objects.requireNonNull(config, "config");
    this.queue = Objects.requireNonNull(queue, "queue");
    this.submitter = Objects.requireNonNull(submitter, "submitter");
    SeedTree load = seeds.child("load");
    this.random = load.random("arrivals");
    for (int i = 0; i < config.clients(); i++) {
      clients.add(new Client(i, Ed25519KeyPair.fromSeed(load.bytes("client/" + i, 32))));
    }
  }

  /** The client accounts and their starting balances, for the orchestrator's genesis. */
  public List<GenesisAccount> genesisAccounts() {
    List<GenesisAccount> accounts = new ArrayList<>();
    for (Client client : clients) {
      accounts.add(new GenesisAccount(client.keys.publicKey(), config.initialBalance()));
    }
    return accounts;
  }

  /** Starts submitting (from the current virtual time) and resubmitting. */
  public void start() {
    if (nextArrival != null || nextRetry != null) {
      throw new IllegalStateException("the load generator is already running");
    }
    scheduleArrival();
    scheduleRetry();
  }

  /** No new transactions from now on; unfinished ones are still resubmitted. */
  public void stopGenerating() {
    if (nextArrival != null) {
      nextArrival.cancel();
      nextArrival = null;
    }
  }

  /** Stops new transactions and resubmissions. */
  public void stop() {
    stopGenerating();
    if (nextRetry != null) {
      nextRetry.cancel();
      nextRetry = null;
    }
  }

  /**
   * Looks up every unfinished transaction in {@code chain}; those it holds as final are done.
   *
   * @return how many became final in this poll
   */
  public int pollFinality(ChainStore chain) {
    long now = queue.nowMicros();
    int found = 0;
    for (Iterator<Map.Entry<Hash, Pending>> it = pending.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Hash, Pending> entry = it.next();
      Optional<TxLocation> location = chain.findTransaction(entry.getKey());
      if (location.isPresent() && location.get().isFinal()) {
        it.remove();
        entry.getValue().client.outstanding--;
        latency.add(now - submittedAt.get(entry.getKey()));
        finalized++;
        found++;
      }
    }
    return found;
  }

  /** Virtual time at which transaction {@code txId} was first submitted. */
  public OptionalLong submittedAtMicros(Hash txId) {
    Long at = submittedAt.get(txId);
    return at == null ? OptionalLong.empty() : OptionalLong.of(at);
  }

  /** Transactions submitted and not yet seen final, in submission order. */
  /** Every distinct transaction submitted so far, in submission order. */
  public List<Hash> submittedTransactions() {
    return List.copyOf(submittedAt.keySet());
  }

  public List<Hash> pendingTransactions() {
    return List.copyOf(pending.keySet());
  }

  public LoadReport report() {
    return new LoadReport(
        submitted,
        resubmissions,
        finalized,
        pending.size(),
        throttled,
        latency.percentileMicros(50) / 1000.0,
        latency.percentileMicros(90) / 1000.0,
        latency.percentileMicros(99) / 1000.0,
        latency.maxMicros() / 1000.0);
  }

  private void scheduleArrival() {
    double seconds = -Math.log(1 - random.nextDouble()) / config.txPerSecond();
    long delay = Math.max(1, (long) (seconds * 1_000_000));
    nextArrival = queue.scheduleAfter(delay, this::arrive);
  }

  private void scheduleRetry() {
    nextRetry = queue.scheduleAfter(Math.max(1, config.resubmitAfterMicros() / 2), this::retry);
  }

  private void arrive() {
    scheduleArrival();
    Client client = pickClientWithRoom();
    if (client == null) {
      throttled++;
      return;
    }
    Transaction tx = client.next(randomPayload(client));
    long now = queue.nowMicros();
    pending.put(tx.id(), new Pending(client, tx, now));
    submittedAt.put(tx.id(), now);
    submitted++;
    submitter.accept(tx);
  }

  private void retry() {
    scheduleRetry();
    long now = queue.nowMicros();
    for (Pending p : List.copyOf(pending.values())) {
      if (now - p.lastSubmittedMicros >= config.resubmitAfterMicros()) {
        p.lastSubmittedMicros = now;
        resubmissions++;
        submitter.accept(p.tx);
      }
    }
  }

  private Client pickClientWithRoom() {
    int start = random.nextInt(clients.size());
    for (int i = 0; i < clients.size(); i++) {
      Client client = clients.get((start + i) % clients.size());
      if (client.outstanding < config.maxPendingPerClient()) {
        return client;
      }
    }
    return null;
  }

  private TxPayload randomPayload(Client sender) {
    if (random.nextDouble() < config.kvPutFraction()) {
      byte[] key =
          ("load/" + sender.index + "/" + sender.nextNonce).getBytes(StandardCharsets.US_ASCII);
      byte[] value = new byte[16];
      random.nextBytes(value);
      return new TxPayload.KvPut(key, value);
    }
    int other = random.nextInt(clients.size() - 1);
    PublicKey to = clients.get(other >= sender.index ? other + 1 : other).keys.publicKey();
    long amount = 1 + (long) (random.nextDouble() * config.maxTransferAmount());
    return new TxPayload.Transfer(to, Math.min(amount, config.maxTransferAmount()));
  }

  private final class Client {
    final int index;
    final Ed25519KeyPair keys;
    long nextNonce;
    int outstanding;

    Client(int index, Ed25519KeyPair keys) {
      this.index = index;
      this.keys = keys;
    }

    Transaction next(TxPayload payload) {
      outstanding++;
      return Transaction.sign(keys, nextNonce++, config.fee(), payload);
    }
  }

  private static final class Pending {
    final Client client;
    final Transaction tx;
    long lastSubmittedMicros;

    Pending(Client client, Transaction tx, long lastSubmittedMicros) {
      this.client = client;
      this.tx = tx;
      this.lastSubmittedMicros = lastSubmittedMicros;
    }
  }
}

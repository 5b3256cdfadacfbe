package io.consensio.sim.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.crypto.Ed25519Verifier;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.types.Hash;
import io.consensio.api.types.Transaction;
import io.consensio.api.types.TxPayload;
import io.consensio.sim.check.FakeChain;
import io.consensio.sim.random.SeedTree;
import io.consensio.sim.time.EventQueue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LoadGeneratorTest {
  private static final long SECOND = 1_000_000;

  private final EventQueue queue = new EventQueue();
  private final List<Transaction> submitted = new ArrayList<>();

  private LoadGenerator generator(LoadConfig config, long seed) {
    return new LoadGenerator(config, new SeedTree(seed), queue, submitted::add);
  }

  private static List<Hash> idsOf(long seed) {
    EventQueue q = new EventQueue();
    List<Transaction> txs = new ArrayList<>();
    new LoadGenerator(LoadConfig.defaults(), new SeedTree(seed), q, txs::add).start();
    q.runUntil(2 * SECOND);
    return txs.stream().map(Transaction::id).toList();
  }

  @Test
  void genesisAccountsAreTheClientsWithTheirBalanceAndDependOnTheSeed() {
    LoadConfig config = LoadConfig.defaults().withClients(4);
    List<GenesisAccount> accounts = generator(config, 1).genesisAccounts();

    assertThat(accounts).hasSize(4).allMatch(a -> a.balance() == config.initialBalance());
    assertThat(accounts.stream().map(GenesisAccount::publicKey).distinct()).hasSize(4);
    assertThat(generator(config, 1).genesisAccounts()).isEqualTo(accounts);
    assertThat(generator(config, 2).genesisAccounts()).doesNotContainAnyElementsOf(accounts);
  }

  @Test
  void producesSignedTransactionsWithConsecutiveNoncesBetweenClientAccounts() {
    LoadConfig config =
        LoadConfig.defaults()
            .withMaxPendingPerClient(1_000_000)
            .withResubmitAfterMicros(100 * SECOND);
    LoadGenerator load = generator(config, 3);
    Set<PublicKey> clients =
        load.genesisAccounts().stream().map(GenesisAccount::publicKey).collect(Collectors.toSet());

    load.start();
    queue.runUntil(10 * SECOND);

    // 100 tx/s for 10 s: Poisson count has a standard deviation of about 32.
    assertThat(submitted).hasSizeBetween(850, 1150);
    Map<PublicKey, Long> nextNonce = new HashMap<>();
    int kvPuts = 0;
    for (Transaction tx : submitted) {
      assertThat(tx.hasValidSignature(Ed25519Verifier.INSTANCE)).isTrue();
      assertThat(clients).contains(tx.sender());
      assertThat(tx.nonce()).isEqualTo(nextNonce.getOrDefault(tx.sender(), 0L));
      nextNonce.put(tx.sender(), tx.nonce() + 1);
      if (tx.payload() instanceof TxPayload.Transfer transfer) {
        assertThat(clients).contains(transfer.to());
        assertThat(transfer.to()).isNotEqualTo(tx.sender());
        assertThat(transfer.amount()).isBetween(1L, config.maxTransferAmount());
      } else {
        assertThat(tx.payload()).isInstanceOf(TxPayload.KvPut.class);
        kvPuts++;
      }
    }
    assertThat((double) kvPuts / submitted.size()).isBetween(0.15, 0.25);
    assertThat(load.report().submitted()).isEqualTo(submitted.size());
  }

  @Test
  void sameSeedGivesTheSameTransactionsAndAnotherSeedDoesNot() {
    assertThat(idsOf(5)).isNotEmpty().isEqualTo(idsOf(5));
    assertThat(idsOf(6)).isNotEqualTo(idsOf(5));
  }

  @Test
  void clientsWaitWhenTheirOutstandingWindowIsFull() {
    LoadGenerator load =
        generator(LoadConfig.defaults().withClients(3).withMaxPendingPerClient(2), 1);

    load.start();
    queue.runUntil(SECOND);

    assertThat(submitted).hasSize(6);
    assertThat(load.report().throttled()).isPositive();
    assertThat(load.pendingTransactions()).hasSize(6);
  }

  @Test
  void pollFinalityRecordsWhichTransactionsAreFinalAndTheirLatency() {
    LoadGenerator load = generator(LoadConfig.defaults().withMaxPendingPerClient(1_000), 8);
    load.start();
    queue.runUntil(SECOND);
    load.stop();
    int count = submitted.size();
    List<Transaction> firstHalf = submitted.subList(0, count / 2);
    FakeChain chain = new FakeChain();
    chain.extend(firstHalf, "load");

    queue.runUntil(2 * SECOND);
    assertThat(load.pollFinality(chain)).as("included but not final yet").isZero();
    chain.finalizeTo(1);
    queue.runUntil(3 * SECOND);
    int found = load.pollFinality(chain);

    assertThat(found).isEqualTo(count / 2);
    LoadReport report = load.report();
    assertThat(report.finalized()).isEqualTo(count / 2);
    assertThat(report.pending()).isEqualTo(count - count / 2);
    long firstSubmitted = load.submittedAtMicros(firstHalf.get(0).id()).orElseThrow();
    long lastSubmitted =
        load.submittedAtMicros(firstHalf.get(firstHalf.size() - 1).id()).orElseThrow();
    assertThat(report.maxMillis()).isEqualTo((3 * SECOND - firstSubmitted) / 1000.0);
    assertThat(report.p50Millis())
        .isBetween((3 * SECOND - lastSubmitted) / 1000.0, report.maxMillis());
    assertThat(load.pendingTransactions())
        .doesNotContainAnyElementsOf(firstHalf.stream().map(Transaction::id).toList());
  }

  @Test
  void unfinishedTransactionsAreResubmittedUnchangedUntilFinal() {
    LoadConfig config =
        LoadConfig.defaults()
            .withClients(2)
            .withMaxPendingPerClient(1)
            .withResubmitAfterMicros(SECOND);
    LoadGenerator load = generator(config, 4);
    load.start();
    queue.runUntil(SECOND / 2);
    load.stopGenerating();
    List<Transaction> originals = List.copyOf(submitted);
    assertThat(originals).hasSize(2);

    queue.runUntil(SECOND / 2 + 3 * SECOND);
    assertThat(submitted.subList(2, submitted.size()))
        .hasSizeGreaterThanOrEqualTo(4)
        .allMatch(originals::contains);

    FakeChain chain = new FakeChain();
    chain.extend(originals, "all");
    chain.finalizeTo(1);
    load.pollFinality(chain);
    int afterFinal = submitted.size();
    queue.runUntil(10 * SECOND);
    assertThat(submitted).hasSize(afterFinal);
    assertThat(load.report().resubmissions()).isEqualTo(afterFinal - 2);
  }
}

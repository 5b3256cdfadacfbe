package io.consensio.runtime.mempool;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.crypto.Ed25519KeyPair;
import io.consensio.api.crypto.Ed25519Verifier;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.services.AdmitResult;
import io.consensio.api.services.Metrics;
import io.consensio.api.types.Block;
import io.consensio.api.types.BlockHeader;
import io.consensio.api.types.Hash;
import io.consensio.api.types.MerkleTree;
import io.consensio.api.types.Transaction;
import io.consensio.api.types.TxPayload;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MempoolImplTest {
  private final Ed25519KeyPair alice = key(1);
  private final Ed25519KeyPair bob = key(2);
  private final PublicKey carol = key(3).publicKey();
  private final FakeLedgerState state = new FakeLedgerState();
  private final ManualScheduler scheduler = new ManualScheduler();
  private final List<Transaction> forwarded = new ArrayList<>();
  private int availabilityNotices;
  private MempoolImpl pool;

  static Ed25519KeyPair key(int b) {
    byte[] seed = new byte[32];
    Arrays.fill(seed, (byte) b);
    return Ed25519KeyPair.fromSeed(seed);
  }

  @BeforeEach
  void setUp() {
    state.set(alice.publicKey(), 1_000, 0);
    state.set(bob.publicKey(), 1_000, 5);
    pool = newPool(MempoolConfig.DEFAULTS);
  }

  private MempoolImpl newPool(MempoolConfig config) {
    return new MempoolImpl(
        () -> state,
        Ed25519Verifier.INSTANCE,
        scheduler,
        Metrics.NOOP,
        config,
        forwarded::add,
        () -> availabilityNotices++);
  }

  private Transaction transfer(Ed25519KeyPair from, long nonce, long fee) {
    return Transaction.sign(from, nonce, fee, new TxPayload.Transfer(carol, 1));
  }

  @Test
  void admitsAValidTransactionForwardsItOnceAndTellsTheEngineOncePerTurn() {
    assertThat(pool.submit(transfer(alice, 0, 1))).isEqualTo(AdmitResult.ACCEPTED);
    assertThat(pool.submit(transfer(alice, 1, 1))).isEqualTo(AdmitResult.ACCEPTED);
    assertThat(pool.submit(transfer(alice, 1, 1)).reason()).isEqualTo("duplicate");
    scheduler.runAll();

    assertThat(pool.size()).isEqualTo(2);
    assertThat(forwarded).hasSize(2);
    assertThat(availabilityNotices).isEqualTo(1);
  }

  @Test
  void refusesForgedSignaturesAndRemembersThem() {
    Transaction honest = transfer(alice, 0, 1);
    Transaction forged =
        Transaction.of(alice.publicKey(), 0, 1, honest.payload(), transfer(bob, 0, 1).signature());
    assertThat(pool.submit(forged).reason()).isEqualTo("bad-signature");
    assertThat(pool.hasSeen(forged.id())).isTrue();
    assertThat(pool.size()).isZero();
    assertThat(forwarded).isEmpty();
  }

  @Test
  void checksNoncesAgainstTheHeadState() {
    assertThat(pool.submit(transfer(bob, 4, 1)).reason()).isEqualTo("nonce-too-low");
    assertThat(pool.submit(transfer(bob, 5 + 65, 1)).reason()).isEqualTo("nonce-too-high");
    assertThat(pool.submit(transfer(bob, 5 + 64, 1)).accepted()).isTrue();
    Transaction sameNonceOtherPayload =
        Transaction.sign(bob, 5 + 64, 1, new TxPayload.Transfer(carol, 2));
    assertThat(pool.submit(sameNonceOtherPayload).reason()).isEqualTo("nonce-taken");
  }

  @Test
  void refusesWhatTheSenderCannotPay() {
    Transaction tooMuch = Transaction.sign(alice, 0, 1, new TxPayload.Transfer(carol, 1_000));
    assertThat(pool.submit(tooMuch).reason()).isEqualTo("insufficient-balance");
    Transaction exact = Transaction.sign(alice, 0, 1, new TxPayload.Transfer(carol, 999));
    assertThat(pool.submit(exact).accepted()).isTrue();
  }

  @Test
  void batchesFollowArrivalOrderAndEachSendersNonceOrder() {
    Transaction a1 = transfer(alice, 1, 1);
    Transaction b5 = transfer(bob, 5, 1);
    Transaction a0 = transfer(alice, 0, 1);
    pool.submit(a1);
    pool.submit(b5);
    pool.submit(a0);

    assertThat(pool.takeBatch(10, 1 << 20)).containsExactly(b5, a0, a1);
    assertThat(pool.takeBatch(10, 1 << 20)).isEmpty();
    assertThat(pool.readyCount()).isZero();
    assertThat(pool.size()).isEqualTo(3);
  }

  @Test
  void batchesRespectTheCountAndByteLimits() {
    for (int n = 0; n < 5; n++) {
      pool.submit(transfer(alice, n, 1));
    }
    int txSize = transfer(alice, 0, 1).encodedSize();
    assertThat(pool.takeBatch(2, 1 << 20)).hasSize(2);
    assertThat(pool.takeBatch(10, txSize * 2 + 1)).hasSize(2);
    assertThat(pool.takeBatch(10, txSize - 1)).isEmpty();
    assertThat(pool.takeBatch(10, txSize)).hasSize(1);
  }

  @Test
  void requeuedTransactionsAreHandedOutAgainInNonceOrder() {
    Transaction a0 = transfer(alice, 0, 1);
    Transaction a1 = transfer(alice, 1, 1);
    pool.submit(a0);
    pool.submit(a1);
    List<Transaction> first = pool.takeBatch(10, 1 << 20);
    pool.requeue(first);
    assertThat(pool.readyCount()).isEqualTo(2);
    assertThat(pool.takeBatch(10, 1 << 20)).containsExactly(a0, a1);
  }

  @Test
  void committedTransactionsLeaveAndRevertedOnesComeBack() {
    Transaction a0 = transfer(alice, 0, 1);
    Transaction a1 = transfer(alice, 1, 1);
    pool.submit(a0);
    pool.submit(a1);
    pool.takeBatch(10, 1 << 20);

    Block block = block(1, List.of(a0));
    state.set(alice.publicKey(), 998, 1);
    pool.onHeadChanged(List.of(), List.of(block));
    assertThat(pool.contains(a0.id())).isFalse();
    assertThat(pool.contains(a1.id())).isTrue();

    state.set(alice.publicKey(), 1_000, 0);
    pool.onHeadChanged(List.of(block), List.of());
    assertThat(pool.contains(a0.id())).isTrue();
    assertThat(pool.takeBatch(10, 1 << 20)).containsExactly(a0, a1);
  }

  @Test
  void whenFullAHigherFeeEvictsTheCheapestSenderTailAndALowerFeeIsRefused() {
    pool = newPool(new MempoolConfig(3, 1 << 20, 64, 1000));
    Transaction a0 = transfer(alice, 0, 5);
    Transaction a1 = transfer(alice, 1, 2);
    Transaction b5 = transfer(bob, 5, 3);
    pool.submit(a0);
    pool.submit(a1);
    pool.submit(b5);

    assertThat(pool.submit(transfer(bob, 6, 2)).reason()).isEqualTo("mempool-full");
    Transaction rich = transfer(bob, 6, 10);
    assertThat(pool.submit(rich).accepted()).isTrue();
    assertThat(pool.contains(a1.id())).as("cheapest tail evicted").isFalse();
    assertThat(pool.contains(a0.id())).isTrue();
    assertThat(pool.size()).isEqualTo(3);
  }

  @Test
  void reportsTheOldestArrival() {
    scheduler.now = 100;
    pool.submit(transfer(alice, 0, 1));
    scheduler.now = 200;
    pool.submit(transfer(bob, 5, 1));
    assertThat(pool.oldestArrivalMillis()).hasValue(100);
  }

  private static Block block(long height, List<Transaction> txs) {
    BlockHeader header =
        new BlockHeader(
            height,
            Hash.ZERO,
            0,
            key(9).publicKey(),
            MerkleTree.rootOfTransactions(txs),
            Hash.ZERO,
            new byte[0]);
    return new Block(header, txs);
  }

  @Test
  void aTransactionTheLedgerRefusesForGoodIsDroppedAndItsNonceAwaitsAReplacement() {
    Transaction neverRuns = Transaction.sign(alice, 0, 1, new TxPayload.Vote(List.of(carol)));
    Transaction behindIt = transfer(alice, 1, 1);
    pool.submit(neverRuns);
    pool.submit(behindIt);
    assertThat(pool.takeBatch(10, 1 << 20)).containsExactly(neverRuns, behindIt);

    pool.discardRefused(neverRuns, "unknown-candidate");
    pool.discardRefused(behindIt, "bad-nonce");
    pool.requeue(List.of(behindIt));

    assertThat(pool.contains(neverRuns.id())).isFalse();
    assertThat(pool.contains(behindIt.id())).isTrue();
    assertThat(pool.takeBatch(10, 1 << 20)).isEmpty();

    Transaction replacement = transfer(alice, 0, 2);
    assertThat(pool.submit(replacement).accepted()).isTrue();
    assertThat(pool.takeBatch(10, 1 << 20)).containsExactly(replacement, behindIt);
  }

  @Test
  void aTransactionThatMayYetRunIsKept() {
    Transaction poor = transfer(alice, 0, 1);
    pool.submit(poor);
    pool.takeBatch(10, 1 << 20);

    pool.discardRefused(poor, "insufficient-balance");
    pool.requeue(List.of(poor));

    assertThat(pool.takeBatch(10, 1 << 20)).containsExactly(poor);
  }
}

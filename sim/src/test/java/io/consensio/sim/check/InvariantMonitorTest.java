package io.consensio.sim.check;

import static io.consensio.sim.check.FakeChain.kvPut;
import static io.consensio.sim.check.FakeChain.transfer;
import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.types.Block;
import io.consensio.api.types.NodeId;
import io.consensio.api.types.Transaction;
import java.util.List;
import org.junit.jupiter.api.Test;

class InvariantMonitorTest {
  private static final NodeId A = NodeId.of("a");
  private static final NodeId B = NodeId.of("b");
  private static final NodeId C = NodeId.of("c");

  private static InvariantMonitor only(Invariant invariant) {
    return new InvariantMonitor(List.of(invariant));
  }

  @Test
  void aConsistentHistoryWithReorgsAndRestartsReportsNothing() {
    InvariantMonitor monitor = InvariantMonitor.withAllInvariants();
    FakeChain a = new FakeChain();
    FakeChain b = new FakeChain();
    FakeChain c = new FakeChain();
    monitor.nodeUp(A, a);
    monitor.nodeUp(B, b);
    monitor.nodeUp(C, c);

    Block b1 = FakeChain.block(a.head(), List.of(transfer(0), kvPut(1, "k")), "main");
    Block b2 = FakeChain.block(b1, List.of(transfer(2)), "main");
    for (FakeChain chain : List.of(a, b, c)) {
      chain.add(b1);
    }
    a.add(b2);
    b.add(b2);
    a.finalizeTo(1);
    b.finalizeTo(1);
    monitor.check(1);

    // c sees a competing block 2 (same transaction), then reorgs onto the agreed one.
    c.add(FakeChain.block(b1, List.of(transfer(2)), "fork"));
    monitor.check(2);
    c.rewindTo(1);
    c.add(b2);
    for (FakeChain chain : List.of(a, b, c)) {
      chain.finalizeTo(2);
    }
    monitor.check(3);

    // b crashes, comes back with what it had made durable, and catches up.
    monitor.nodeDown(B);
    monitor.check(4);
    FakeChain bAgain = new FakeChain(b);
    monitor.nodeUp(B, bAgain);
    Block b3 = FakeChain.block(b2, List.of(transfer(3)), "main");
    for (FakeChain chain : List.of(a, bAgain, c)) {
      chain.add(b3);
      chain.finalizeTo(3);
    }
    monitor.check(5);

    InvariantReport report = monitor.report();
    assertThat(report.violations()).isEmpty();
    assertThat(report.isClean()).isTrue();
    assertThat(report.checks()).isEqualTo(14);
  }

  @Test
  void agreementDetectsTwoNodesFinalizingDifferentBlocksAtOneHeight() {
    InvariantMonitor monitor = only(new AgreementInvariant());
    FakeChain a = new FakeChain();
    FakeChain b = new FakeChain();
    monitor.nodeUp(A, a);
    monitor.nodeUp(B, b);
    Block onA = a.extend(List.of(transfer(0)), "a");
    Block onB = b.extend(List.of(transfer(0)), "b");
    monitor.check(1);
    assertThat(monitor.report().isClean()).as("not final yet").isTrue();

    a.finalizeTo(1);
    b.finalizeTo(1);
    monitor.check(2);
    monitor.check(3);

    InvariantReport report = monitor.report();
    assertThat(report.safetyViolations()).isEqualTo(1);
    assertThat(report.violations().get(0).description())
        .contains("height 1", onA.id().shortHex(), onB.id().shortHex(), "b finalized");
  }

  @Test
  void finalityNeverRevertsDetectsAFinalBlockReplacedOnTheSameNode() {
    InvariantMonitor monitor = only(new FinalityNeverRevertsInvariant());
    FakeChain a = new FakeChain();
    monitor.nodeUp(A, a);
    Block original = a.extend(transfer(0));
    a.finalizeTo(1);
    monitor.check(1);

    a.rewindTo(0);
    a.extend(List.of(transfer(0)), "replacement");
    a.finalizeTo(1);
    monitor.check(2);

    assertThat(monitor.report().safetyViolations()).isEqualTo(1);
    assertThat(monitor.report().violations().get(0).description())
        .contains(original.id().shortHex(), "was final", "canonical block there is now");
  }

  @Test
  void finalityNeverRevertsDetectsFinalityLostAcrossARestart() {
    InvariantMonitor monitor = only(new FinalityNeverRevertsInvariant());
    FakeChain a = new FakeChain();
    monitor.nodeUp(A, a);
    a.extend(transfer(0));
    a.extend(transfer(1));
    a.finalizeTo(2);
    monitor.check(1);

    monitor.nodeDown(A);
    FakeChain reopened = new FakeChain(a);
    reopened.rewindTo(1);
    monitor.nodeUp(A, reopened);
    monitor.check(2);

    assertThat(monitor.report().safetyViolations()).isEqualTo(1);
    assertThat(monitor.report().violations().get(0).description())
        .contains("went back from height 2 to 1");
  }

  @Test
  void committedTransactionsDurableDetectsAFinalTransactionMissingAfterRestart() {
    InvariantMonitor monitor = only(new CommittedTransactionsDurableInvariant());
    FakeChain a = new FakeChain();
    monitor.nodeUp(A, a);
    Transaction tx = transfer(0);
    Block b1 = a.extend(tx, transfer(1));
    a.finalizeTo(1);
    monitor.check(1);

    monitor.nodeDown(A);
    FakeChain reopened = new FakeChain(a);
    reopened.loseIndexOf(tx.id());
    monitor.nodeUp(A, reopened);
    monitor.check(2);
    monitor.check(3);

    InvariantReport report = monitor.report();
    assertThat(report.committedTxsLost()).isEqualTo(1);
    assertThat(report.safetyViolations()).isZero();
    assertThat(report.violations().get(0).description())
        .contains(tx.id().shortHex(), b1.id().shortHex(), "after a restart");
  }

  @Test
  void committedTransactionsDurableWaitsUntilARestartedNodeCatchesUp() {
    InvariantMonitor monitor = only(new CommittedTransactionsDurableInvariant());
    FakeChain a = new FakeChain();
    monitor.nodeUp(A, a);
    Block b1 = a.extend(transfer(0));
    Block b2 = a.extend(transfer(1));
    a.finalizeTo(2);
    monitor.check(1);

    monitor.nodeDown(A);
    FakeChain reopened = new FakeChain(a);
    reopened.rewindTo(0);
    monitor.nodeUp(A, reopened);
    monitor.check(2);
    assertThat(monitor.report().isClean()).as("height 1 not reached yet").isTrue();

    reopened.add(b1);
    reopened.finalizeTo(1);
    monitor.check(3);
    assertThat(monitor.report().isClean()).isTrue();

    reopened.add(FakeChain.block(b1, List.of(transfer(2)), "without-tx-1"));
    reopened.finalizeTo(2);
    monitor.check(4);
    assertThat(monitor.report().committedTxsLost()).isEqualTo(1);
    assertThat(monitor.report().violations().get(0).description())
        .contains(b2.transactions().get(0).id().shortHex());
  }

  @Test
  void noDoubleExecutionDetectsATransactionIncludedTwice() {
    InvariantMonitor monitor = only(new NoDoubleExecutionInvariant());
    FakeChain a = new FakeChain();
    monitor.nodeUp(A, a);
    Transaction tx = transfer(0);
    a.extend(tx);
    monitor.check(1);
    a.extend(tx);
    monitor.check(2);

    assertThat(monitor.report().safetyViolations()).isEqualTo(1);
    assertThat(monitor.report().violations().get(0).description())
        .contains(tx.id().shortHex(), "executed twice", "height 2 and at height 1");
  }

  @Test
  void noDoubleExecutionDetectsTwoTransactionsWithOneNonceInOneBlock() {
    InvariantMonitor monitor = only(new NoDoubleExecutionInvariant());
    FakeChain a = new FakeChain();
    monitor.nodeUp(A, a);
    a.extend(transfer(0), kvPut(0, "replay"));
    a.finalizeTo(1);
    monitor.check(1);

    assertThat(monitor.report().safetyViolations()).isEqualTo(1);
    assertThat(monitor.report().violations().get(0).description())
        .contains("nonce 0 used by two transactions");
  }

  @Test
  void noDoubleExecutionForgetsTransactionsOfAbandonedBranches() {
    InvariantMonitor monitor = only(new NoDoubleExecutionInvariant());
    FakeChain a = new FakeChain();
    monitor.nodeUp(A, a);
    Block b1 = a.extend(transfer(0));
    a.extend(List.of(transfer(1)), "branch-one");
    monitor.check(1);

    a.rewindTo(1);
    a.add(FakeChain.block(b1, List.of(transfer(1)), "branch-two"));
    monitor.check(2);

    assertThat(monitor.report().isClean()).isTrue();
  }

  @Test
  void stateRootsAgreeDetectsDivergentRootsAndWrongComputedState() {
    InvariantMonitor monitor = only(new StateRootsAgreeInvariant());
    FakeChain a = new FakeChain();
    FakeChain b = new FakeChain();
    monitor.nodeUp(A, a);
    monitor.nodeUp(B, b);
    a.extend(List.of(), "root-x");
    b.extend(List.of(), "root-y");
    a.finalizeTo(1);
    b.finalizeTo(1);
    monitor.check(1);
    assertThat(monitor.report().safetyViolations()).isEqualTo(1);
    assertThat(monitor.report().violations().get(0).description())
        .contains("final state root at height 1");

    Block b2 = a.extend(transfer(0));
    a.corruptComputedRoot(b2.id());
    monitor.check(2);
    assertThat(monitor.report().violations())
        .extracting(Violation::description)
        .anySatisfy(d -> assertThat(d).contains("head state root"));

    a.finalizeTo(2);
    monitor.check(3);
    assertThat(monitor.report().violations())
        .extracting(Violation::description)
        .anySatisfy(d -> assertThat(d).contains("computed state root", b2.id().shortHex()));
    assertThat(monitor.report().safetyViolations()).isEqualTo(3);
  }

  @Test
  void downNodesAreSkippedAndPersistentViolationsCountedOnce() {
    InvariantMonitor monitor = only(new FinalityNeverRevertsInvariant());
    FakeChain a = new FakeChain();
    monitor.nodeUp(A, a);
    a.extend(transfer(0));
    a.finalizeTo(1);
    monitor.check(1);
    a.rewindTo(0);

    monitor.nodeDown(A);
    monitor.check(2);
    assertThat(monitor.report().isClean()).isTrue();
    assertThat(monitor.report().checks()).isEqualTo(1);

    monitor.nodeUp(A, a);
    monitor.check(3);
    monitor.check(4);
    assertThat(monitor.report().safetyViolations()).isEqualTo(1);
    assertThat(monitor.report().summary())
        .contains("1 safety violations", "finality-never-reverts");
  }
}

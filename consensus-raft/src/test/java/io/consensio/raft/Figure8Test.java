package io.consensio.raft;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.consensio.raft.RaftEngine.Role;
import io.consensio.raft.harness.Envelope;
import io.consensio.raft.messages.RaftMessage.AppendEntries;
import io.consensio.raft.messages.RaftMessage.VoteRequest;
import io.consensio.raft.messages.RaftMessage.VoteResponse;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The scenario of Figure 8 of the Raft paper (§5.4.2), played message by message on five nodes.
 * Pre-Vote and CheckQuorum are off so that elections happen exactly when the test says; appends
 * carry one block entry each so the test can hold back the leader's entry of its own term.
 */
class Figure8Test {
  private RaftCluster c;
  private final SafetyChecker checker = new SafetyChecker();

  @BeforeEach
  void playFigure8UpToStepC() {
    ObjectNode cfg = RaftCluster.config();
    cfg.put("preVote", false);
    cfg.put("checkQuorum", false);
    cfg.put("maxBatchBytes", 1024);
    cfg.put("maxInflightBytes", 2048);
    cfg.put("maxInflightAppends", 64);
    c = RaftCluster.of(5, 8, cfg).start();
    c.autoDeliver = false;

    // (a) n1 leads term 1, commits its no-op everywhere, then its block (index 2) reaches n2 only.
    c.engine("n1").campaign();
    c.deliverAll();
    assertThat(c.engine("n1").role()).isEqualTo(Role.LEADER);
    c.submit("n1", RaftCluster.tx(1));
    c.deliverWhere(between("n1", "n2"));
    c.dropAll();
    assertThat(c.engine("n2").log().lastIndex()).isEqualTo(2);
    assertThat(c.engine("n1").commitIndex()).isEqualTo(1);
    check();

    // (b) n1 crashes; n5 wins term 2 with votes of n3 and n4 and appends its own entry at index 2.
    c.node("n1").crash();
    c.node("n2").crash();
    c.engine("n5").campaign();
    c.deliverWhere(votes("n5", Set.of("n3", "n4")));
    c.dropAll();
    assertThat(c.engine("n5").role()).isEqualTo(Role.LEADER);
    assertThat(c.engine("n5").log().term(2)).isEqualTo(2);
    check();

    // (c) n5 crashes; n1 restarts and, after one lost election, leads term 4 with n3 and n4. It
    // replicates its term-1 block (index 2) to n3 and n4 but not yet its term-4 no-op (index 3).
    c.node("n5").crash();
    c.node("n1").restart();
    c.engine("n1").campaign();
    c.deliverWhere(votes("n1", Set.of("n3", "n4")));
    c.dropAll();
    c.engine("n1").campaign();
    c.deliverWhere(votes("n1", Set.of("n3", "n4")));
    assertThat(c.engine("n1").role()).isEqualTo(Role.LEADER);
    // (The first probe carries index 3 after index 2, which n3 and n4 lack: they reject it.)
    c.deliverWhere(
        between("n1", "n3")
            .or(between("n1", "n4"))
            .and(e -> !(carriesIndex(e, 3) && c.engine(e.to().value()).log().lastIndex() >= 2)));
    check();
  }

  @Test
  void leaderNeverCommitsAnEntryFromAnEarlierTermByCountingReplicas() {
    // Index 2 (term 1) is now stored on n1, n2, n3, n4: a majority. It must not count as committed.
    assertThat(c.engine("n3").log().term(2)).isEqualTo(1);
    assertThat(c.engine("n4").log().term(2)).isEqualTo(1);
    assertThat(c.engine("n1").commitIndex()).isLessThan(2);
    assertThat(c.node("n1").chain.finalizedHead().height()).isZero();

    // (d) ... because n1 may crash and n5 (last term 2) may win and overwrite index 2.
    c.dropAll();
    c.node("n1").crash();
    c.node("n2").restart();
    c.node("n5").restart();
    c.engine("n5").campaign(); // term 3 is behind n1's term 4 at n3 and n4: this attempt fails
    c.deliverWhere(votes("n5", Set.of("n2", "n3", "n4")));
    c.engine("n5").campaign();
    c.deliverWhere(votes("n5", Set.of("n2", "n3", "n4")));
    assertThat(c.engine("n5").role()).isEqualTo(Role.LEADER);
    c.deliverAll();
    check();
    for (String n : new String[] {"n2", "n3", "n4", "n5"}) {
      assertThat(c.engine(n).log().term(2)).as("%s index 2 overwritten", n).isEqualTo(2);
      assertThat(c.node(n).chain.finalizedHead().height()).isZero();
    }
  }

  @Test
  void leaderCommitsEarlierTermEntriesOnceAnEntryOfItsOwnTermIsOnAMajority() {
    // (e) the term-4 no-op reaches n3 and n4: indexes 2 and 3 commit, the block becomes final...
    c.deliverWhere(between("n1", "n3").or(between("n1", "n4")));
    assertThat(c.engine("n1").commitIndex()).isEqualTo(3);
    assertThat(c.node("n1").chain.finalizedHead().height()).isEqualTo(1);
    check();
    // ... and n5, whose last term is 2, can no longer win.
    c.dropAll();
    c.node("n1").crash();
    c.node("n5").restart();
    for (int attempt = 0; attempt < 3; attempt++) {
      c.engine("n5").campaign();
      c.deliverWhere(votes("n5", Set.of("n3", "n4")));
      assertThat(c.engine("n5").role()).isNotEqualTo(Role.LEADER);
    }
    check();
  }

  private void check() {
    checker.check(c);
  }

  private static boolean carriesIndex(Envelope e, long index) {
    return e.message() instanceof AppendEntries a
        && a.entries().stream().anyMatch(x -> x.index() == index);
  }

  private static Predicate<Envelope> between(String a, String b) {
    return e ->
        (e.from().value().equals(a) && e.to().value().equals(b))
            || (e.from().value().equals(b) && e.to().value().equals(a));
  }

  private static Predicate<Envelope> votes(String candidate, Set<String> voters) {
    return e ->
        (e.message() instanceof VoteRequest || e.message() instanceof VoteResponse)
            && ((e.from().value().equals(candidate) && voters.contains(e.to().value()))
                || (e.to().value().equals(candidate) && voters.contains(e.from().value())));
  }
}

package io.consensio.app.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.app.reliability.KvOperation;
import io.consensio.app.reliability.LinearizabilityChecker;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checker accepts exactly the histories a single register could have produced. */
class LinearizabilityCheckerTest {
  private static KvOperation put(int client, String value, long from, long to) {
    return new KvOperation(client, true, "k", value, from, to);
  }

  private static KvOperation get(int client, String value, long from, long to) {
    return new KvOperation(client, false, "k", value, from, to);
  }

  @Test
  void aReadOverlappingAWriteMaySeeEitherValue() {
    assertThat(
            LinearizabilityChecker.check(
                    List.of(put(0, "a", 0, 10), put(1, "b", 20, 40), get(2, "a", 25, 30)))
                .linearizable())
        .isTrue();
    assertThat(
            LinearizabilityChecker.check(
                    List.of(put(0, "a", 0, 10), put(1, "b", 20, 40), get(2, "b", 25, 30)))
                .linearizable())
        .isTrue();
  }

  @Test
  void aReadAfterACompletedWriteMustNotSeeTheOlderValue() {
    LinearizabilityChecker.Verdict verdict =
        LinearizabilityChecker.check(
            List.of(put(0, "a", 0, 10), put(1, "b", 20, 30), get(2, "a", 40, 50)));
    assertThat(verdict.linearizable()).isFalse();
    assertThat(verdict.key()).isEqualTo("k");
  }

  @Test
  void aReadMustNotSeeAValueNobodyWrote() {
    assertThat(LinearizabilityChecker.check(List.of(get(0, "ghost", 0, 10))).linearizable())
        .isFalse();
    assertThat(LinearizabilityChecker.check(List.of(get(0, null, 0, 10))).linearizable()).isTrue();
  }

  @Test
  void aWriteThatNeverAnsweredMayHaveHappenedOrNot() {
    long never = KvOperation.NEVER;
    assertThat(
            LinearizabilityChecker.check(List.of(put(0, "a", 0, never), get(1, "a", 50, 60)))
                .linearizable())
        .isTrue();
    assertThat(
            LinearizabilityChecker.check(List.of(put(0, "a", 0, never), get(1, null, 50, 60)))
                .linearizable())
        .isTrue();
    // but once seen it cannot be unseen
    assertThat(
            LinearizabilityChecker.check(
                    List.of(put(0, "a", 0, never), get(1, "a", 50, 60), get(1, null, 70, 80)))
                .linearizable())
        .isFalse();
  }
}

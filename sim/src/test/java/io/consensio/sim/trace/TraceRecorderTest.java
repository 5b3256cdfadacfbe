package io.consensio.sim.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.types.NodeId;
import org.junit.jupiter.api.Test;

class TraceRecorderTest {
  private static final NodeId A = NodeId.of("a");
  private static final NodeId B = NodeId.of("b");

  @Test
  void equalEventSequencesGiveEqualHashes() {
    TraceRecorder first = new TraceRecorder();
    TraceRecorder second = new TraceRecorder();
    for (TraceRecorder t : new TraceRecorder[] {first, second}) {
      t.record(10, A, "send", new byte[] {1, 2, 3});
      t.record(20, B, "deliver", 7);
      t.record(30, null, "heal", null);
    }

    assertThat(first.traceHash()).isEqualTo(second.traceHash()).hasSize(64);
    assertThat(first.eventCount()).isEqualTo(3);
  }

  @Test
  void anyDifferenceInTimeNodeKindOrPayloadChangesTheHash() {
    String base = hashOf(10, A, "send", new byte[] {1, 2, 3});

    assertThat(hashOf(11, A, "send", new byte[] {1, 2, 3})).isNotEqualTo(base);
    assertThat(hashOf(10, B, "send", new byte[] {1, 2, 3})).isNotEqualTo(base);
    assertThat(hashOf(10, A, "drop", new byte[] {1, 2, 3})).isNotEqualTo(base);
    assertThat(hashOf(10, A, "send", new byte[] {1, 2, 4})).isNotEqualTo(base);
    assertThat(hashOf(10, A, "send", null)).isNotEqualTo(base);
  }

  @Test
  void fieldBoundariesAreUnambiguous() {
    TraceRecorder one = new TraceRecorder();
    one.record(1, A, "ab", new byte[] {1});
    TraceRecorder other = new TraceRecorder();
    other.record(1, A, "a", new byte[] {'b', 1});

    assertThat(one.traceHash()).isNotEqualTo(other.traceHash());
  }

  @Test
  void readingTheHashMidRunDoesNotDisturbIt() {
    TraceRecorder peeked = new TraceRecorder();
    peeked.record(1, A, "x", null);
    peeked.traceHash();
    peeked.record(2, A, "y", null);

    TraceRecorder straight = new TraceRecorder();
    straight.record(1, A, "x", null);
    straight.record(2, A, "y", null);

    assertThat(peeked.traceHash()).isEqualTo(straight.traceHash());
  }

  private static String hashOf(long time, NodeId node, String kind, byte[] payload) {
    TraceRecorder t = new TraceRecorder();
    t.record(time, node, kind, payload);
    return t.traceHash();
  }
}

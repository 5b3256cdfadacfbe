package io.consensio.app.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Every engine's {@code onMessage} on arbitrary bytes from a real member, through a real node
 * context: whatever the bytes, no exception may escape the engine (a peer's bytes are hostile, and
 * the engine must drop and count them). One target covers all six engines; the first input byte
 * picks the engine, so coverage feedback steers inputs into each decoder.
 */
class EngineMessageFuzzTest {
  private static final EngineHarness HARNESS = new EngineHarness();
  private static final String[] ENGINES = HARNESS.engines();

  @FuzzTest(maxDuration = "15s")
  void noPeerMessageEscapesAnEngine(FuzzedDataProvider data) {
    String engine = ENGINES[data.consumeInt(0, ENGINES.length - 1)];
    byte[] payload = data.consumeRemainingAsBytes();
    long escapedBefore = HARNESS.escapedExceptions(engine);

    HARNESS.deliver(engine, payload);

    assertThat(HARNESS.escapedExceptions(engine))
        .as("exceptions escaping %s's handler", engine)
        .isEqualTo(escapedBefore);
  }
}

package io.consensio.app.chaos;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CI slice of the simulation campaign for the crash-tolerant engines: seeds 1-100 each, every
 * seed its own mix of loss, duplication, reordering, partitions, crash-restart, pauses and skew,
 * with at most one node that withholds, delays, replays and forges. No safety violation, no lost
 * committed transaction, no forgery taken in, and every transaction final after the heal.
 */
class CrashTolerantCampaignTest {
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"poa", "raft", "pow"})
  void everySeedIsSafeAndLive(String engine) {
    CampaignAssertions.assertSafeAndLive(engine);
  }
}

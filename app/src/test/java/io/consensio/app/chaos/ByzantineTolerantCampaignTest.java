package io.consensio.app.chaos;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CI slice of the simulation campaign for the engines that claim byzantine tolerance: seeds
 * 1-100 each, every seed its own network and process faults and up to f = 1 byzantine node that may
 * be an equivocating twin, withhold, delay, replay and forge. No safety violation among the honest
 * nodes, no lost committed transaction, no forgery taken in, and every transaction final after the
 * heal while the byzantine node keeps lying.
 */
class ByzantineTolerantCampaignTest {
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"pbft", "pos", "dpos"})
  void everySeedIsSafeAndLive(String engine) {
    CampaignAssertions.assertSafeAndLive(engine);
  }
}

package io.consensio.sim.byzantine;

/**
 * What one byzantine node does, each lie drawn independently per consensus message and recipient.
 * Immutable.
 *
 * @param withhold probability that a message is not sent to a recipient at all
 * @param delay probability that it is held back before being sent
 * @param maxDelayMillis a held-back message waits uniformly up to this long
 * @param replay probability that, alongside a message, an earlier one is re-sent to a random peer
 * @param forge probability that, alongside a message, a copy with one bit flipped inside a
 *     signature it carries is sent to the same recipient
 * @param twin whether the node runs a second engine instance with the same identity and key, each
 *     instance hearing a different part of the network (equivocation, as in the Twins approach of
 *     Bano et al., 2020)
 */
public record ByzantineBehaviour(
    double withhold, double delay, long maxDelayMillis, double replay, double forge, boolean twin) {
  public ByzantineBehaviour {
    requireProbability("withhold", withhold);
    requireProbability("delay", delay);
    requireProbability("replay", replay);
    requireProbability("forge", forge);
    if (maxDelayMillis < 0) {
      throw new IllegalArgumentException("maxDelayMillis must not be negative");
    }
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    if (twin) {
      text.append("twin ");
    }
    if (withhold > 0) {
      text.append(String.format("withhold=%.2f ", withhold));
    }
    if (delay > 0) {
      text.append(String.format("delay=%.2f(<=%dms) ", delay, maxDelayMillis));
    }
    if (replay > 0) {
      text.append(String.format("replay=%.2f ", replay));
    }
    if (forge > 0) {
      text.append(String.format("forge=%.2f ", forge));
    }
    return text.toString().trim();
  }

  private static void requireProbability(String name, double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException(name + " must be a probability in [0, 1], got " + p);
    }
  }
}

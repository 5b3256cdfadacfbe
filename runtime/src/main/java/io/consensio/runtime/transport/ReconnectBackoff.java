package io.consensio.runtime.transport;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delay before the next dial of a peer that is down: the minimum doubled per failed attempt, capped
 * at the maximum, then jittered uniformly into its upper half so nodes restarted together do not
 * redial in lockstep. Uses {@link ThreadLocalRandom}: the transport is outside the deterministic
 * core. Confined to the peer's event loop.
 */
final class ReconnectBackoff {
  private final long minNanos;
  private final long maxNanos;
  private int failures;

  ReconnectBackoff(Duration min, Duration max) {
    this.minNanos = min.toNanos();
    this.maxNanos = max.toNanos();
  }

  /** The delay before the next attempt; each call counts one more failure. */
  long nextDelayNanos() {
    // 2^30 times any sane minimum already exceeds any sane maximum; the cap avoids overflow.
    int exponent = Math.min(failures, 30);
    failures++;
    long base = minNanos << exponent;
    if (base <= 0 || base > maxNanos) {
      base = maxNanos;
    }
    long half = base / 2;
    return half + ThreadLocalRandom.current().nextLong(base - half + 1);
  }

  /** A connection succeeded: the next outage starts again from the minimum. */
  void reset() {
    failures = 0;
  }
}

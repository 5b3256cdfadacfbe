package io.consensio.sim.net;

import java.util.Random;

/**
 * One-way message latency, sampled per message. Stateless: every sample comes from the {@link
 * Random} the network passes in, so latencies replay with the seed.
 */
public sealed interface LatencyModel {
  /** A latency in microseconds, never negative. */
  long sampleMicros(Random random);

  static LatencyModel fixed(long micros) {
    return new Fixed(micros);
  }

  static LatencyModel uniform(long minMicros, long maxMicros) {
    return new Uniform(minMicros, maxMicros);
  }

  static LatencyModel logNormal(long medianMicros, long p99Micros) {
    return new LogNormal(medianMicros, p99Micros);
  }

  /** Every message takes exactly {@code micros}. */
  record Fixed(long micros) implements LatencyModel {
    public Fixed {
      if (micros < 0) {
        throw new IllegalArgumentException("latency must not be negative: " + micros);
      }
    }

    @Override
    public long sampleMicros(Random random) {
      return micros;
    }
  }

  /** Uniform in [{@code minMicros}, {@code maxMicros}]. */
  record Uniform(long minMicros, long maxMicros) implements LatencyModel {
    public Uniform {
      if (minMicros < 0 || maxMicros < minMicros) {
        throw new IllegalArgumentException(
            "need 0 <= min <= max, got min=" + minMicros + " max=" + maxMicros);
      }
    }

    @Override
    public long sampleMicros(Random random) {
      return minMicros + (long) (random.nextDouble() * (maxMicros - minMicros + 1));
    }
  }

  /**
   * Log-normal latency, the usual shape of network round trips: most messages near the median and a
   * long tail. Parameterised by what one measures: the median and the 99th percentile. Samples are
   * capped at ten times the p99 so a single draw from the far tail cannot stall a run.
   */
  record LogNormal(long medianMicros, long p99Micros) implements LatencyModel {
    /** The standard normal quantile at 0.99. */
    private static final double Z_99 = 2.3263478740408408;

    public LogNormal {
      if (medianMicros <= 0 || p99Micros < medianMicros) {
        throw new IllegalArgumentException(
            "need 0 < median <= p99, got median=" + medianMicros + " p99=" + p99Micros);
      }
    }

    /** Standard deviation of the underlying normal distribution. */
    public double sigma() {
      return Math.log((double) p99Micros / medianMicros) / Z_99;
    }

    @Override
    public long sampleMicros(Random random) {
      double sample = medianMicros * Math.exp(sigma() * random.nextGaussian());
      return Math.min((long) sample, 10 * p99Micros);
    }
  }
}

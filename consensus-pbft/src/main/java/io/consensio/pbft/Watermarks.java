package io.consensio.pbft;

/**
 * The low and high water marks h and H = h + L (OSDI'99 §4.2–4.3): a replica accepts protocol
 * messages only for sequence numbers n with h < n ≤ H, so a faulty primary cannot exhaust the space
 * of sequence numbers by choosing a very large one, and the log stays bounded. h is the sequence
 * number of the last stable checkpoint. Not thread-safe; used on the event loop.
 */
public final class Watermarks {
  private final int window;
  private long low;

  public Watermarks(int window) {
    if (window <= 0) {
      throw new IllegalArgumentException("window must be positive");
    }
    this.window = window;
  }

  public long low() {
    return low;
  }

  public long high() {
    return low + window;
  }

  /** h < n ≤ H. */
  public boolean accepts(long seq) {
    return seq > low && seq <= high();
  }

  /** Moves h forward to a newer stable checkpoint; never backwards. */
  public void advanceTo(long stableSeq) {
    if (stableSeq > low) {
      low = stableSeq;
    }
  }
}

package io.consensio.runtime.crypto;

import io.consensio.api.types.Hash;

/**
 * A bounded set of 128-bit fingerprints of digests (the first 128 bits of a SHA-256 digest), oldest
 * forgotten first: the mempool's recently seen transaction ids, the recently verified signatures.
 * Two distinct digests share a fingerprint with probability 2^-128, and finding a digest that
 * shares one with a given digest takes about 2^128 hashes.
 *
 * <p>Every transaction a node admits or sees committed passes through such a set several times, and
 * the set holds hundreds of thousands of entries, far more than the caches: each access to a random
 * part of it is a cache (and, in a virtual machine, often a TLB) miss. So the fingerprints sit in
 * the open-addressing table itself, two longs per slot with linear probing: a lookup reads one or
 * two adjacent slots, and deleting shifts entries whose home slots come from their own
 * fingerprints. A ring of the same fingerprints in insertion order, written and read sequentially,
 * says which entry is the oldest. Nothing in it is an object, so the garbage collector has nothing
 * to trace. Not thread-safe.
 */
public final class FingerprintSet {
  private final int capacity;

  /** Fingerprints in insertion order: entry i is {@code ring[2i], ring[2i+1]}. */
  private final long[] ring;

  /**
   * Slot s holds a fingerprint in {@code table[2s], table[2s+1]}; all zeros mark a free slot, so
   * the all-zero fingerprint itself is kept apart, in {@link #holdsZero}.
   */
  private final long[] table;

  private final int slots;
  private boolean holdsZero;
  private int size;

  /** Ring position of the oldest entry; the next entry goes to {@code (oldest + size) % cap}. */
  private int oldest;

  public FingerprintSet(int capacity) {
    if (capacity < 1 || capacity > (1 << 28)) {
      throw new IllegalArgumentException("capacity must be 1.." + (1 << 28) + ", got " + capacity);
    }
    this.capacity = capacity;
    this.ring = new long[2 * capacity];
    // at most half full, so probe runs stay short
    this.slots = 2 * capacity + 1;
    this.table = new long[2 * slots];
  }

  /** Remembers {@code digest}'s fingerprint (no change if it is already there). */
  public void add(Hash digest) {
    long high = digest.longAt(0);
    long low = digest.longAt(1);
    if (high == 0 && low == 0) {
      if (!holdsZero) {
        append(high, low);
        holdsZero = true;
      }
      return;
    }
    int slot = probe(high, low);
    if (slot >= 0) {
      return;
    }
    if (append(high, low)) {
      // forgetting shifted entries back along probe runs: find this fingerprint's free slot again
      slot = probe(high, low);
    }
    int free = -(slot + 1);
    table[2 * free] = high;
    table[2 * free + 1] = low;
  }

  /**
   * Appends a fingerprint to the ring, forgetting the oldest when full; true when it forgot one
   * (which may have moved table entries).
   */
  private boolean append(long high, long low) {
    boolean forgot = size == capacity;
    if (forgot) {
      forgetOldest();
    }
    int position = (oldest + size) % capacity;
    ring[2 * position] = high;
    ring[2 * position + 1] = low;
    size++;
    return forgot;
  }

  /** True when {@code digest}'s fingerprint is remembered. */
  public boolean contains(Hash digest) {
    return contains(digest.longAt(0), digest.longAt(1));
  }

  public int size() {
    return size;
  }

  private boolean contains(long high, long low) {
    if (high == 0 && low == 0) {
      return holdsZero;
    }
    return probe(high, low) >= 0;
  }

  /**
   * The slot holding the (non-zero) fingerprint, or {@code -(free slot) - 1}: the free slot that
   * ends its probe run, where it would go.
   */
  private int probe(long high, long low) {
    int slot = home(high);
    for (; !isFree(slot); slot = next(slot)) {
      if (table[2 * slot] == high && table[2 * slot + 1] == low) {
        return slot;
      }
    }
    return -(slot + 1);
  }

  private void forgetOldest() {
    long high = ring[2 * oldest];
    long low = ring[2 * oldest + 1];
    if (high == 0 && low == 0) {
      holdsZero = false;
    } else {
      deleteAt(probe(high, low));
    }
    oldest = (oldest + 1) % capacity;
    size--;
  }

  /**
   * Empties {@code slot} and moves later entries of the probe run back into the gap, so that every
   * remaining entry is still reachable from its home slot (deletion for linear probing, Knuth vol.
   * 3 §6.4 Algorithm R).
   */
  private void deleteAt(int slot) {
    int gap = slot;
    int next = next(gap);
    while (!isFree(next)) {
      int home = home(table[2 * next]);
      // the entry at next may fill the gap unless its home lies cyclically in (gap, next]
      boolean homeBetween =
          gap <= next ? (gap < home && home <= next) : (gap < home || home <= next);
      if (!homeBetween) {
        table[2 * gap] = table[2 * next];
        table[2 * gap + 1] = table[2 * next + 1];
        gap = next;
      }
      next = next(next);
    }
    table[2 * gap] = 0;
    table[2 * gap + 1] = 0;
  }

  private boolean isFree(int slot) {
    return table[2 * slot] == 0 && table[2 * slot + 1] == 0;
  }

  private int next(int slot) {
    return slot + 1 == slots ? 0 : slot + 1;
  }

  private int home(long high) {
    // the id is a uniform digest already: its top 32 bits, scaled to the table (Lemire's
    // multiply-shift range reduction), pick the slot
    return (int) (((high >>> 32) * slots) >>> 32);
  }
}

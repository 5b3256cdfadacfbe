package io.consensio.runtime.crypto;

import io.consensio.api.types.Hash;
import java.util.Arrays;

/**
 * A bounded set of 128-bit fingerprints of digests (the first 128 bits of a SHA-256 digest), oldest
 * forgotten first: the mempool's recently seen transaction ids, the recently verified signatures.
 * Two distinct digests share a fingerprint with probability 2^-128, and finding a digest that
 * shares one with a given digest takes about 2^128 hashes.
 *
 * <p>Every transaction a node admits or sees committed passes through such a set, which holds
 * hundreds of thousands of entries, so it is kept in primitive arrays rather than a map of objects:
 * a ring of fingerprints in insertion order plus an open-addressing table of ring positions. A
 * lookup touches one or two cache lines instead of a chain of map entry, key object and byte array,
 * and the set adds nothing for the garbage collector to trace. Not thread-safe.
 */
public final class FingerprintSet {
  private static final int EMPTY = -1;

  private final int capacity;

  /** Fingerprints in insertion order: entry i is {@code ring[2i], ring[2i+1]}. */
  private final long[] ring;

  /** Ring positions, by fingerprint home slot with linear probing; {@link #EMPTY} when free. */
  private final int[] table;

  private final int mask;
  private int size;

  /** Ring position of the oldest entry; the next entry goes to {@code (oldest + size) % cap}. */
  private int oldest;

  public FingerprintSet(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    this.capacity = capacity;
    this.ring = new long[2 * capacity];
    // at most half full, so probe sequences stay short
    int slots = Integer.highestOneBit(Math.max(2, capacity) * 2 - 1) << 1;
    this.table = new int[slots];
    this.mask = slots - 1;
    Arrays.fill(table, EMPTY);
  }

  /** Remembers {@code digest}'s fingerprint (no change if it is already there). */
  public void add(Hash digest) {
    long high = digest.longAt(0);
    long low = digest.longAt(1);
    int slot = home(high);
    while (table[slot] != EMPTY) {
      int position = table[slot];
      if (ring[2 * position] == high && ring[2 * position + 1] == low) {
        return;
      }
      slot = (slot + 1) & mask;
    }
    if (size == capacity) {
      forgetOldest();
      // forgetting shifts table entries back: find the free slot for this id again
      slot = home(high);
      while (table[slot] != EMPTY) {
        slot = (slot + 1) & mask;
      }
    }
    int position = (oldest + size) % capacity;
    ring[2 * position] = high;
    ring[2 * position + 1] = low;
    table[slot] = position;
    size++;
  }

  /** True when {@code digest}'s fingerprint is remembered. */
  public boolean contains(Hash digest) {
    long high = digest.longAt(0);
    long low = digest.longAt(1);
    for (int slot = home(high); table[slot] != EMPTY; slot = (slot + 1) & mask) {
      int position = table[slot];
      if (ring[2 * position] == high && ring[2 * position + 1] == low) {
        return true;
      }
    }
    return false;
  }

  public int size() {
    return size;
  }

  private void forgetOldest() {
    int position = oldest;
    int slot = home(ring[2 * position]);
    while (table[slot] != position) {
      slot = (slot + 1) & mask;
    }
    deleteAt(slot);
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
    int next = (gap + 1) & mask;
    while (table[next] != EMPTY) {
      int home = home(ring[2 * table[next]]);
      // the entry at next may fill the gap unless its home lies cyclically in (gap, next]
      boolean homeBetween =
          gap <= next ? (gap < home && home <= next) : (gap < home || home <= next);
      if (!homeBetween) {
        table[gap] = table[next];
        gap = next;
      }
      next = (next + 1) & mask;
    }
    table[gap] = EMPTY;
  }

  private int home(long high) {
    // the id is a uniform digest already; its top bits pick the slot
    return (int) (high >>> 33) & mask;
  }
}

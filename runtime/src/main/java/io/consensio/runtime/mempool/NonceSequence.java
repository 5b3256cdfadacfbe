package io.consensio.runtime.mempool;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One sender's pool entries sorted by nonce, in a circular pair of arrays (nonces and entries).
 *
 * <p>A sender's transactions arrive, leave and are handed out almost always at the ends of its
 * nonce sequence, and that sequence is nearly always contiguous. So the common operations are O(1)
 * here: appending above the highest nonce, removing the lowest, finding a nonce by its offset from
 * the lowest when the run has no gap. A gap makes a lookup a binary search over a primitive array,
 * and only a transaction that refills a gap or leaves from the middle shifts entries. A balanced
 * tree of boxed nonces, which this replaces, walked a dozen nodes and keys (each a likely cache
 * miss, each compare a call through {@code Comparable}) on every insertion. Not thread-safe.
 */
final class NonceSequence {
  private static final int INITIAL_CAPACITY = 8;

  private long[] nonces = new long[INITIAL_CAPACITY];
  private PoolEntry[] entries = new PoolEntry[INITIAL_CAPACITY];

  /** Physical index of logical index 0; capacity is a power of two. */
  private int head;

  private int size;

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** The entry with the highest nonce, or null. */
  PoolEntry last() {
    return size == 0 ? null : entries[physical(size - 1)];
  }

  /** The entry with exactly {@code nonce}, or null. */
  PoolEntry get(long nonce) {
    int index = indexOf(nonce);
    return index >= 0 ? entries[physical(index)] : null;
  }

  /** Adds {@code entry}, whose nonce must not be present. */
  void put(PoolEntry entry) {
    long nonce = entry.nonce();
    if (size == nonces.length) {
      grow();
    }
    int index = -(indexOf(nonce) + 1);
    if (index < 0) {
      throw new IllegalArgumentException("nonce " + nonce + " is already held");
    }
    if (index < size / 2) {
      // nearer the low end: move the entries below the insertion point down one slot
      head = physical(-1);
      for (int i = 0; i < index; i++) {
        move(i + 1, i);
      }
    } else {
      for (int i = size; i > index; i--) {
        move(i - 1, i);
      }
    }
    nonces[physical(index)] = nonce;
    entries[physical(index)] = entry;
    size++;
  }

  /** Removes the entry with {@code nonce}; false when there is none. */
  boolean remove(long nonce) {
    int index = indexOf(nonce);
    if (index < 0) {
      return false;
    }
    if (index < size / 2) {
      // nearer the low end (the lowest nonce, the common case, moves nothing): close the gap
      // from below
      for (int i = index; i > 0; i--) {
        move(i - 1, i);
      }
      entries[head] = null;
      head = physical(1);
    } else {
      for (int i = index; i < size - 1; i++) {
        move(i + 1, i);
      }
      entries[physical(size - 1)] = null;
    }
    size--;
    return true;
  }

  /** How many entries have nonces in [{@code fromInclusive}, {@code toExclusive}). */
  int countBetween(long fromInclusive, long toExclusive) {
    return Math.max(0, lowerBound(toExclusive) - lowerBound(fromInclusive));
  }

  /** The entries with nonces below {@code nonce}, lowest first (a copy). */
  List<PoolEntry> below(long nonce) {
    int end = lowerBound(nonce);
    List<PoolEntry> result = new ArrayList<>(end);
    for (int i = 0; i < end; i++) {
      result.add(entries[physical(i)]);
    }
    return result;
  }

  /**
   * The logical index of {@code nonce}, or {@code -(insertion point) - 1} when absent (the
   * convention of {@link Arrays#binarySearch(long[], long)}).
   */
  private int indexOf(long nonce) {
    if (size == 0 || nonce < nonces[head]) {
      return -1;
    }
    if (nonce > nonces[physical(size - 1)]) {
      return -(size + 1); // above the tail: where a new transaction of the sender usually lands
    }
    long offset = nonce - nonces[head];
    if (offset >= 0 && offset < size && nonces[physical((int) offset)] == nonce) {
      return (int) offset; // no gap below it: found by its offset from the lowest nonce
    }
    int low = 0;
    int high = size - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      long value = nonces[physical(mid)];
      if (value < nonce) {
        low = mid + 1;
      } else if (value > nonce) {
        high = mid - 1;
      } else {
        return mid;
      }
    }
    return -(low + 1);
  }

  /** The number of entries with nonces below {@code nonce}. */
  private int lowerBound(long nonce) {
    int index = indexOf(nonce);
    return index >= 0 ? index : -(index + 1);
  }

  private void move(int fromLogical, int toLogical) {
    nonces[physical(toLogical)] = nonces[physical(fromLogical)];
    entries[physical(toLogical)] = entries[physical(fromLogical)];
  }

  private int physical(int logical) {
    return (head + logical) & (nonces.length - 1);
  }

  private void grow() {
    int capacity = nonces.length * 2;
    long[] grownNonces = new long[capacity];
    PoolEntry[] grownEntries = new PoolEntry[capacity];
    for (int i = 0; i < size; i++) {
      grownNonces[i] = nonces[physical(i)];
      grownEntries[i] = entries[physical(i)];
    }
    nonces = grownNonces;
    entries = grownEntries;
    head = 0;
  }
}

package io.consensio.api.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.function.BiConsumer;

/**
 * Writes the one canonical binary encoding used for everything Consensio hashes or signs.
 *
 * <p>The format is deliberately simple so that exactly one byte string encodes each value: integers
 * are fixed-width big-endian, variable-length byte strings and lists carry a 4-byte length prefix,
 * booleans are one byte that is 0 or 1. There are no optional fields and no maps: callers write
 * fields in a fixed order. Not thread-safe; use one writer per encoding.
 */
public final class CanonicalWriter {
  private byte[] buffer;
  private int size;

  public CanonicalWriter() {
    this(128);
  }

  public CanonicalWriter(int initialCapacity) {
    buffer = new byte[Math.max(16, initialCapacity)];
  }

  private void ensure(int extra) {
    int needed = size + extra;
    if (needed < 0) {
      throw new IllegalStateException("encoding exceeds 2 GiB");
    }
    if (needed > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(needed, buffer.length * 2));
    }
  }

  public CanonicalWriter writeByte(int value) {
    ensure(1);
    buffer[size++] = (byte) value;
    return this;
  }

  public CanonicalWriter writeBoolean(boolean value) {
    return writeByte(value ? 1 : 0);
  }

  public CanonicalWriter writeInt(int value) {
    ensure(4);
    buffer[size++] = (byte) (value >>> 24);
    buffer[size++] = (byte) (value >>> 16);
    buffer[size++] = (byte) (value >>> 8);
    buffer[size++] = (byte) value;
    return this;
  }

  public CanonicalWriter writeLong(long value) {
    ensure(8);
    for (int shift = 56; shift >= 0; shift -= 8) {
      buffer[size++] = (byte) (value >>> shift);
    }
    return this;
  }

  /** Writes bytes whose length the reader knows in advance (hashes, keys, signatures). */
  public CanonicalWriter writeFixed(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buffer, size, bytes.length);
    size += bytes.length;
    return this;
  }

  /** Writes {@code length} bytes of {@code bytes} from {@code offset}, with no length prefix. */
  public CanonicalWriter writeFixed(byte[] bytes, int offset, int length) {
    java.util.Objects.checkFromIndexSize(offset, length, bytes.length);
    ensure(length);
    System.arraycopy(bytes, offset, buffer, size, length);
    size += length;
    return this;
  }

  /** Writes a 4-byte length followed by the bytes. */
  public CanonicalWriter writeBytes(byte[] bytes) {
    writeInt(bytes.length);
    return writeFixed(bytes);
  }

  public CanonicalWriter writeString(String value) {
    return writeBytes(value.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes a 4-byte element count followed by each element, in iteration order. */
  public <T> CanonicalWriter writeList(
      Collection<? extends T> items, BiConsumer<CanonicalWriter, T> elementWriter) {
    writeInt(items.size());
    for (T item : items) {
      elementWriter.accept(this, item);
    }
    return this;
  }

  public int size() {
    return size;
  }

  /**
   * The bytes written so far. When the writer was sized exactly (its initial capacity equals what
   * was written) this is its own buffer, handed over without a copy: large encodings (blocks) are
   * sized up front for this. Any later write goes to a new buffer, so the array returned is never
   * changed by this writer afterwards.
   */
  public byte[] toByteArray() {
    return size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
  }
}

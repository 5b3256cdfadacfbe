package io.consensio.api.codec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Reads the canonical encoding written by {@link CanonicalWriter} and rejects anything that is not
 * exactly one well-formed value: truncated input, lengths above the caller's limit, non-canonical
 * booleans, invalid UTF-8 and (through {@link #finish()}) trailing bytes all raise {@link
 * DecodingException}. Every length is checked against both the caller's limit and the bytes that
 * remain before anything is allocated, so a forged length cannot make a node allocate gigabytes.
 */
public final class CanonicalReader {
  private final byte[] data;
  private int position;
  private final int end;

  public CanonicalReader(byte[] data) {
    this(data, 0, data.length);
  }

  public CanonicalReader(byte[] data, int offset, int length) {
    if (offset < 0 || length < 0 || offset + length > data.length) {
      throw new IllegalArgumentException("slice out of range");
    }
    this.data = data;
    this.position = offset;
    this.end = offset + length;
  }

  public int remaining() {
    return end - position;
  }

  /** Where the next read starts, for {@link #copyConsumedSince}. */
  public int position() {
    return position;
  }

  /**
   * {@code prefix} followed by the bytes read since {@code start} (an earlier {@link #position()}),
   * in one new array: lets a decoder keep the exact bytes it just parsed (to hash or verify them)
   * without encoding the parsed values again.
   */
  public byte[] copyConsumedSince(int start, byte[] prefix) {
    if (start < 0 || start > position) {
      throw new IllegalArgumentException("start " + start + " is not behind position " + position);
    }
    byte[] out = new byte[prefix.length + (position - start)];
    System.arraycopy(prefix, 0, out, 0, prefix.length);
    System.arraycopy(data, start, out, prefix.length, position - start);
    return out;
  }

  private void require(int count, String what) {
    if (count > end - position) {
      throw new DecodingException(
          "truncated input: " + what + " needs " + count + " bytes, " + remaining() + " left");
    }
  }

  public int readByte() {
    require(1, "byte");
    return data[position++] & 0xFF;
  }

  public boolean readBoolean() {
    int value = readByte();
    if (value > 1) {
      throw new DecodingException("boolean must be 0 or 1, got " + value);
    }
    return value == 1;
  }

  public int readInt() {
    require(4, "int");
    int value =
        ((data[position] & 0xFF) << 24)
            | ((data[position + 1] & 0xFF) << 16)
            | ((data[position + 2] & 0xFF) << 8)
            | (data[position + 3] & 0xFF);
    position += 4;
    return value;
  }

  public long readLong() {
    require(8, "long");
    long value = 0;
    for (int i = 0; i < 8; i++) {
      value = (value << 8) | (data[position + i] & 0xFF);
    }
    position += 8;
    return value;
  }

  /** Reads a long that must be zero or positive (amounts, heights, nonces). */
  public long readNonNegativeLong(String what) {
    long value = readLong();
    if (value < 0) {
      throw new DecodingException(what + " must not be negative, got " + value);
    }
    return value;
  }

  public byte[] readFixed(int length) {
    require(length, "fixed field");
    byte[] out = Arrays.copyOfRange(data, position, position + length);
    position += length;
    return out;
  }

  /** Reads a length-prefixed byte string of at most {@code maxLength} bytes. */
  public byte[] readBytes(int maxLength) {
    int length = readLength(maxLength, "byte string");
    return readFixed(length);
  }

  public String readString(int maxBytes) {
    byte[] bytes = readBytes(maxBytes);
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new DecodingException("string is not valid UTF-8");
    }
  }

  /** Reads a count-prefixed list of at most {@code maxItems} elements. */
  public <T> List<T> readList(int maxItems, Function<CanonicalReader, T> elementReader) {
    int count = readLength(maxItems, "list");
    List<T> items = new ArrayList<>(Math.min(count, 1024));
    for (int i = 0; i < count; i++) {
      items.add(elementReader.apply(this));
    }
    return items;
  }

  private int readLength(int max, String what) {
    int length = readInt();
    if (length < 0 || length > max) {
      throw new DecodingException(
          what + " length " + Integer.toUnsignedString(length) + " exceeds limit " + max);
    }
    return length;
  }

  /** Asserts that the whole input was consumed; call after reading a top-level value. */
  public void finish() {
    if (position != end) {
      throw new DecodingException("trailing garbage: " + remaining() + " bytes after the value");
    }
  }
}

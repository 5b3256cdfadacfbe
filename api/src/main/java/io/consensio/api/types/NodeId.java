package io.consensio.api.types;

import io.consensio.api.codec.CanonicalReader;
import io.consensio.api.codec.CanonicalWriter;
import io.consensio.api.codec.DecodingException;
import java.util.regex.Pattern;

/**
 * The name of a node in the membership ({@code node-1}, {@code alice}). Names are short ASCII so
 * they can appear in logs, file names and metrics tags unchanged; identity is proven by the key the
 * membership lists for the name, never by the name alone.
 */
public record NodeId(String value) implements Comparable<NodeId> {
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

  public NodeId {
    if (value == null || !VALID.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "node id must be 1-64 characters of letters, digits, '_', '.', '-', starting with a letter"
              + " or digit: "
              + value);
    }
  }

  public static NodeId of(String value) {
    return new NodeId(value);
  }

  public void write(CanonicalWriter writer) {
    writer.writeString(value);
  }

  public static NodeId read(CanonicalReader reader) {
    String raw = reader.readString(64);
    try {
      return new NodeId(raw);
    } catch (IllegalArgumentException e) {
      throw new DecodingException("invalid node id");
    }
  }

  @Override
  public int compareTo(NodeId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}

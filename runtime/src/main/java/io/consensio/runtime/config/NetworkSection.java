package io.consensio.runtime.config;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The {@code network} section. Its {@code id} names the network, so that nodes of two networks that
 * can reach each other (two devnets on one machine) refuse to talk instead of mixing chains.
 */
public record NetworkSection(String id) {
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

  /** What a network id looks like, for error messages. */
  public static final String EXPECTED =
      "1-64 letters, digits, '_', '.' or '-', starting with a letter or digit";

  public NetworkSection {
    Objects.requireNonNull(id, "id");
    if (!VALID.matcher(id).matches()) {
      throw new IllegalArgumentException("network id must be " + EXPECTED + ": " + id);
    }
  }
}

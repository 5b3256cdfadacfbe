package io.consensio.api.codec;

/**
 * Thrown when bytes do not decode to a well-formed value: truncated input, a length beyond its
 * limit, an unknown tag, or trailing bytes after the value. Peers are hostile, so every decoder in
 * Consensio reports bad input with this checked-at-the-boundary exception instead of failing
 * somewhere later.
 */
public final class DecodingException extends RuntimeException {
  public DecodingException(String message) {
    super(message);
  }
}

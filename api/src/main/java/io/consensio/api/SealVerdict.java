package io.consensio.api;

/**
 * The engine's judgement of a block's seal: valid, or refused with a short machine-readable reason.
 */
public record SealVerdict(boolean valid, String reason) {
  public static final SealVerdict VALID = new SealVerdict(true, "");

  public static SealVerdict reject(String reason) {
    return new SealVerdict(false, reason);
  }
}

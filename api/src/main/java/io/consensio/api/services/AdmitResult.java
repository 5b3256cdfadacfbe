package io.consensio.api.services;

/** Whether the mempool took a transaction, and the reason when it did not. */
public record AdmitResult(boolean accepted, String reason) {
  public static final AdmitResult ACCEPTED = new AdmitResult(true, "accepted");

  public static AdmitResult rejected(String reason) {
    return new AdmitResult(false, reason);
  }
}

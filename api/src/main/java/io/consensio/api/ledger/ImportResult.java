package io.consensio.api.ledger;

/** What {@link ChainStore#importBlock} did with a block, and why when it refused it. */
public record ImportResult(Status status, String reason) {
  public enum Status {
    /** Valid and added to the block tree (not necessarily canonical). */
    IMPORTED,
    /** Already in the tree; nothing changed. */
    ALREADY_KNOWN,
    /** The parent is not in the tree; the engine may fetch it and retry. */
    UNKNOWN_PARENT,
    /**
     * Refused; {@link #reason()} names the failed rule ({@code bad-tx-root}, {@code bad-seal:
     * ...}).
     */
    INVALID
  }

  public static final ImportResult IMPORTED = new ImportResult(Status.IMPORTED, "");
  public static final ImportResult ALREADY_KNOWN = new ImportResult(Status.ALREADY_KNOWN, "");
  public static final ImportResult UNKNOWN_PARENT =
      new ImportResult(Status.UNKNOWN_PARENT, "unknown-parent");

  public static ImportResult invalid(String reason) {
    return new ImportResult(Status.INVALID, reason);
  }

  public boolean isAccepted() {
    return status == Status.IMPORTED || status == Status.ALREADY_KNOWN;
  }
}

package io.consensio.runtime.ledger;

/** A genesis definition that is malformed or breaks a rule; names the offending field. */
public final class GenesisException extends IllegalArgumentException {
  private final String field;

  public GenesisException(String field, String problem) {
    super("genesis field '" + field + "': " + problem);
    this.field = field;
  }

  /** Path of the offending field, e.g. {@code accounts[2].balance}. */
  public String field() {
    return field;
  }
}

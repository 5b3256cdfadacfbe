package io.consensio.runtime.config;

import java.nio.file.Path;

/**
 * The configuration file is wrong. The message reads like a compiler error, {@code node.yaml:12:16:
 * peers[1].publicKey: expected 64 hex characters (a 32-byte Ed25519 public key), got 12
 * characters}, followed by a hint line when one helps (the valid keys, for an unknown key).
 */
public final class ConfigException extends RuntimeException {
  private final Path file;
  private final int line;
  private final int column;
  private final String key;
  private final String problem;
  private final String hint;

  /**
   * @param line 1-based, or 0 when unknown
   * @param column 1-based, or 0 when unknown
   * @param key the dotted key ({@code peers[1].publicKey}), or empty for the whole file
   * @param hint an extra line of help, or null
   */
  public ConfigException(
      Path file, int line, int column, String key, String problem, String hint, Throwable cause) {
    super(format(file, line, column, key, problem, hint), cause);
    this.file = file;
    this.line = line;
    this.column = column;
    this.key = key;
    this.problem = problem;
    this.hint = hint;
  }

  private static String format(
      Path file, int line, int column, String key, String problem, String hint) {
    StringBuilder message = new StringBuilder().append(file);
    if (line > 0) {
      message.append(':').append(line);
      if (column > 0) {
        message.append(':').append(column);
      }
    }
    message.append(": ");
    if (!key.isEmpty()) {
      message.append(key).append(": ");
    }
    message.append(problem);
    if (hint != null) {
      message.append(System.lineSeparator()).append("  hint: ").append(hint);
    }
    return message.toString();
  }

  public Path file() {
    return file;
  }

  /** 1-based line of the offending key or value, 0 when unknown. */
  public int line() {
    return line;
  }

  /** 1-based column, 0 when unknown. */
  public int column() {
    return column;
  }

  /** The dotted key, e.g. {@code peers[1].publicKey}; empty when the problem is the whole file. */
  public String key() {
    return key;
  }

  public String problem() {
    return problem;
  }

  /** An extra line of help, or null. */
  public String hint() {
    return hint;
  }
}

package io.consensio.runtime.config;

import java.nio.file.Path;

/**
 * A key file is missing, unreadable or malformed. The message names the file and never contains any
 * part of the key.
 */
public final class KeyFileException extends RuntimeException {
  private final Path file;

  public KeyFileException(Path file, String problem, Throwable cause) {
    super("key file " + file + ": " + problem, cause);
    this.file = file;
  }

  public Path file() {
    return file;
  }
}

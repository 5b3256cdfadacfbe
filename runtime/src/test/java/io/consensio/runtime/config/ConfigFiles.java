package io.consensio.runtime.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes test config files. */
final class ConfigFiles {
  private ConfigFiles() {}

  static Path write(Path dir, String name, String yaml) throws IOException {
    Files.createDirectories(dir);
    return Files.writeString(dir.resolve(name), yaml);
  }
}

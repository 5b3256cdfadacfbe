package io.consensio.runtime.config;

import io.consensio.api.crypto.Ed25519KeyPair;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's private key on disk: the 32-byte Ed25519 seed as 64 hex characters and a newline.
 * Written owner-only ({@code rw-------}) where the file system has POSIX permissions; reading a key
 * that others may read works but logs a warning, as the key would already be exposed.
 *
 * <p>Errors name the file and never echo its content.
 */
public final class KeyFile {
  private static final Logger LOG = LoggerFactory.getLogger(KeyFile.class);
  private static final int SEED_HEX_CHARS = 64;
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private KeyFile() {}

  /**
   * Reads the key pair from {@code file}.
   *
   * @throws KeyFileException when the file is missing, unreadable or not 64 hex characters
   */
  public static Ed25519KeyPair read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII).strip();
    } catch (NoSuchFileException e) {
      throw new KeyFileException(file, "does not exist; create one with `consensio keygen`", e);
    } catch (AccessDeniedException e) {
      throw new KeyFileException(file, "cannot be read: permission denied", e);
    } catch (IOException e) {
      throw new KeyFileException(file, "cannot be read: " + e, e);
    }
    if (text.length() != SEED_HEX_CHARS || !isHex(text)) {
      throw new KeyFileException(
          file,
          "expected "
              + SEED_HEX_CHARS
              + " hex characters (a 32-byte Ed25519 seed), found "
              + (isHex(text) ? text.length() + " hex characters" : "other characters"),
          null);
    }
    warnIfOthersCanRead(file);
    return Ed25519KeyPair.fromSeed(HexFormat.of().parseHex(text));
  }

  /**
   * Writes {@code key}'s seed to a new file, owner-only where permissions exist.
   *
   * @throws KeyFileException when the file already exists (a key is never overwritten) or cannot be
   *     written
   */
  public static void write(Path file, Ed25519KeyPair key) {
    byte[] content = (key.seedHex() + "\n").getBytes(StandardCharsets.US_ASCII);
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      // Created with its permissions, so the seed is never readable by others, even briefly.
      try {
        FileAttribute<Set<PosixFilePermission>> ownerOnly =
            PosixFilePermissions.asFileAttribute(OWNER_ONLY);
        Files.createFile(file, ownerOnly);
      } catch (UnsupportedOperationException noPosixPermissions) {
        Files.createFile(file);
      }
      Files.write(file, content, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    } catch (FileAlreadyExistsException e) {
      throw new KeyFileException(file, "already exists; refusing to overwrite a key", e);
    } catch (IOException e) {
      throw new KeyFileException(file, "cannot be written: " + e, e);
    }
  }

  private static void warnIfOthersCanRead(Path file) {
    try {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
      if (permissions.contains(PosixFilePermission.GROUP_READ)
          || permissions.contains(PosixFilePermission.OTHERS_READ)) {
        LOG.warn(
            "key file {} can be read by other users ({}); restrict it with chmod 600",
            file,
            PosixFilePermissions.toString(permissions));
      }
    } catch (UnsupportedOperationException | IOException e) {
      // No POSIX permissions on this file system: nothing to check.
    }
  }

  private static boolean isHex(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.digit(text.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }
}

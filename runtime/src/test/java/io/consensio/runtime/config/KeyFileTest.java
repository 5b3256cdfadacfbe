package io.consensio.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.consensio.api.crypto.Ed25519KeyPair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFileTest {
  private static final Ed25519KeyPair KEY = Ed25519KeyPair.fromHex("0f".repeat(32));

  @TempDir Path dir;

  @Test
  void aWrittenKeyReadsBackAsTheSameKeyPair() {
    Path file = dir.resolve("keys/node.key");

    KeyFile.write(file, KEY);
    Ed25519KeyPair read = KeyFile.read(file);

    assertThat(read.publicKey()).isEqualTo(KEY.publicKey());
    assertThat(read.seedHex()).isEqualTo(KEY.seedHex());
  }

  @Test
  void theFileIsTheSeedInHexAndReadableOnlyByItsOwner() throws IOException {
    Path file = dir.resolve("node.key");
    KeyFile.write(file, KEY);

    assertThat(Files.readString(file)).isEqualTo(KEY.seedHex() + "\n");
    assumeTrue(
        dir.getFileSystem().supportedFileAttributeViews().contains("posix"),
        "POSIX permissions only");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void anExistingKeyIsNeverOverwritten() {
    Path file = dir.resolve("node.key");
    KeyFile.write(file, KEY);

    assertThatThrownBy(() -> KeyFile.write(file, Ed25519KeyPair.fromHex("01".repeat(32))))
        .isInstanceOf(KeyFileException.class)
        .hasMessageContaining("node.key")
        .hasMessageContaining("already exists");
    assertThat(KeyFile.read(file).publicKey()).isEqualTo(KEY.publicKey());
  }

  @Test
  void readingAMissingFileNamesItAndSaysHowToCreateOne() {
    Path file = dir.resolve("absent.key");

    assertThatThrownBy(() -> KeyFile.read(file))
        .isInstanceOf(KeyFileException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("does not exist")
        .hasMessageContaining("keygen");
  }

  @Test
  void aMalformedFileIsRejectedWithoutEchoingItsContent() throws IOException {
    Path file = dir.resolve("node.key");
    Files.writeString(file, "my-secret-passphrase-is-not-a-seed");

    assertThatThrownBy(() -> KeyFile.read(file))
        .isInstanceOf(KeyFileException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("64 hex characters")
        .hasMessageNotContaining("secret");
  }

  @Test
  void aSeedOfTheWrongLengthIsRejected() throws IOException {
    Path file = dir.resolve("node.key");
    Files.writeString(file, "ab".repeat(16));

    assertThatThrownBy(() -> KeyFile.read(file))
        .isInstanceOf(KeyFileException.class)
        .hasMessageContaining("found 32 hex characters");
  }

  @Test
  void surroundingWhitespaceAndUpperCaseHexAreAccepted() throws IOException {
    Path file = dir.resolve("node.key");
    Files.writeString(file, "  " + KEY.seedHex().toUpperCase() + "\r\n\n");

    assertThat(KeyFile.read(file).publicKey()).isEqualTo(KEY.publicKey());
  }
}

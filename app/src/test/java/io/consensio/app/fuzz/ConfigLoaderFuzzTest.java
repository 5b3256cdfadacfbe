package io.consensio.app.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.consensio.app.TestNetworks;
import io.consensio.runtime.config.ConfigException;
import io.consensio.runtime.config.ConfigLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The config loader on hostile files: a real node config with fuzzed bytes spliced in (so values,
 * keys and nesting stay close to valid), or arbitrary text. Each file either loads or fails with a
 * {@link ConfigException} that names the file; any other exception is a finding.
 */
class ConfigLoaderFuzzTest {
  private static final Path DIR;
  private static final String VALID;

  static {
    try {
      DIR = Files.createTempDirectory("config-fuzz");
      Path config =
          TestNetworks.generate(DIR.resolve("net"), "raft", 2, 0).nodeConfigFiles().get(0);
      VALID = Files.readString(config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest(maxDuration = "10s")
  void everyBadConfigGetsAClearError(FuzzedDataProvider data) throws IOException {
    String yaml;
    if (data.consumeBoolean()) {
      int at = data.consumeInt(0, VALID.length());
      int cut = data.consumeInt(0, Math.min(40, VALID.length() - at));
      yaml = VALID.substring(0, at) + data.consumeString(200) + VALID.substring(at + cut);
    } else {
      yaml = data.consumeRemainingAsString();
    }
    // next to the generated node, so relative paths (key, genesis) resolve as in a real config
    Path file = DIR.resolve("net/node-00/fuzzed.yaml");
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    try {
      assertThat(ConfigLoader.load(file).node().id()).isNotNull();
    } catch (ConfigException clear) {
      assertThat(clear.getMessage()).as("the error names the file").contains("fuzzed.yaml");
    }
  }
}

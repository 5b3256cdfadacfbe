package io.consensio.runtime.config;

import io.consensio.api.types.NodeId;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The {@code node} section: who this node is and where it keeps its things. Paths are absolute,
 * resolved against the config file's directory by the loader.
 *
 * @param id this node's name in the membership
 * @param keyFile the file holding this node's Ed25519 seed (see {@link KeyFile})
 * @param listen the address peers connect to
 * @param dataDir the node's storage directory
 */
public record NodeSection(NodeId id, Path keyFile, HostPort listen, Path dataDir) {
  /** Default key file name, relative to the config file. */
  public static final String DEFAULT_KEY_FILE = "node.key";

  /** Default data directory, relative to the config file. */
  public static final String DEFAULT_DATA_DIR = "data";

  public NodeSection {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(keyFile, "keyFile");
    Objects.requireNonNull(listen, "listen");
    Objects.requireNonNull(dataDir, "dataDir");
  }
}

package io.consensio.runtime.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Makes the jars in a node's {@code plugins/} directory visible to {@link ConsensusRegistry}: a
 * user's consensus module is dropped there and selected by its {@code consensus.type}, with no
 * rebuild of Consensio.
 */
public final class PluginLoader {
  private PluginLoader() {}

  /**
   * A class loader over every {@code *.jar} in {@code directory} (sorted by name, so the choice is
   * stable), delegating to {@code parent}; just {@code parent} when the directory does not exist.
   */
  public static ClassLoader classLoader(Path directory, ClassLoader parent) {
    if (!Files.isDirectory(directory)) {
      return parent;
    }
    List<URL> jars = new ArrayList<>();
    try (Stream<Path> files = Files.list(directory)) {
      for (Path jar : files.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
        jars.add(jar.toUri().toURL());
      }
    } catch (MalformedURLException e) {
      throw new IllegalStateException("bad plugin path in " + directory, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list plugins in " + directory, e);
    }
    return jars.isEmpty()
        ? parent
        : new URLClassLoader("consensio-plugins", jars.toArray(URL[]::new), parent);
  }

  /** The modules on the application class path plus those in {@code directory}. */
  public static ConsensusRegistry registry(Path directory) {
    return ConsensusRegistry.load(classLoader(directory, PluginLoader.class.getClassLoader()));
  }
}

package io.consensio.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consensio.api.ConsensusProvider;
import io.consensio.examples.poa.PoaProvider;
import io.consensio.runtime.node.ConsensusRegistry;
import io.consensio.runtime.node.PluginLoader;
import io.consensio.runtime.node.UnknownConsensusException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A consensus module a user built elsewhere is picked up from a node's plugins/ directory: the
 * example module's classes, packed as a jar there, are found although the class loader the node
 * starts from is made unable to see them.
 */
class PluginDirectoryTest {
  /** The application class loader with the example module hidden, as if it were not built in. */
  static final class WithoutExamples extends ClassLoader {
    WithoutExamples(ClassLoader parent) {
      super(parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (name.startsWith("io.consensio.examples.")) {
        throw new ClassNotFoundException(name);
      }
      return super.loadClass(name, resolve);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      if (name.equals("META-INF/services/" + ConsensusProvider.class.getName())) {
        return Collections.emptyEnumeration();
      }
      return super.getResources(name);
    }
  }

  @Test
  void aJarInThePluginsDirectoryIsSelectableByItsConsensusType(@TempDir Path dir) throws Exception {
    ClassLoader bare = new WithoutExamples(getClass().getClassLoader());
    assertThatThrownBy(() -> ConsensusRegistry.load(bare).find("poa"))
        .isInstanceOf(UnknownConsensusException.class);

    Path plugins = Files.createDirectories(dir.resolve("plugins"));
    packExampleModule(plugins.resolve("consensio-examples.jar"));

    ConsensusRegistry registry = ConsensusRegistry.load(PluginLoader.classLoader(plugins, bare));
    ConsensusProvider poa = registry.find("poa");
    assertThat(poa.getClass().getName()).isEqualTo(PoaProvider.class.getName());
    assertThat(poa.getClass().getClassLoader()).isNotSameAs(PoaProvider.class.getClassLoader());
  }

  @Test
  void aMissingPluginsDirectoryChangesNothing(@TempDir Path dir) {
    ClassLoader parent = getClass().getClassLoader();
    assertThat(PluginLoader.classLoader(dir.resolve("plugins"), parent)).isSameAs(parent);
  }

  /** The example module as a jar: its built jar, or its compiled classes packed into one. */
  private static void packExampleModule(Path jar) throws Exception {
    Path built =
        Path.of(PoaProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    if (Files.isRegularFile(built)) {
      Files.copy(built, jar);
      return;
    }
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file);
        Stream<Path> files = Files.walk(built)) {
      for (Path path : files.filter(Files::isRegularFile).sorted().toList()) {
        out.putNextEntry(new JarEntry(built.relativize(path).toString().replace('\\', '/')));
        Files.copy(path, out);
        out.closeEntry();
      }
    }
  }
}

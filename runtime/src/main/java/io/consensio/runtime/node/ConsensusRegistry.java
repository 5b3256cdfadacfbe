package io.consensio.runtime.node;

import io.consensio.api.ConsensusProvider;
import java.util.Collections;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * The consensus modules on a class path, found with {@link ServiceLoader} — the runtime names none
 * of them, so a user's jar is as good as a built-in one. Two modules claiming one name is an error.
 */
public final class ConsensusRegistry {
  private final TreeMap<String, ConsensusProvider> providers = new TreeMap<>();

  private ConsensusRegistry() {}

  /**
   * Modules visible to {@code classLoader} (the application's, or one over a plugins directory).
   */
  public static ConsensusRegistry load(ClassLoader classLoader) {
    ConsensusRegistry registry = new ConsensusRegistry();
    try {
      for (ConsensusProvider provider : ServiceLoader.load(ConsensusProvider.class, classLoader)) {
        ConsensusProvider previous = registry.providers.putIfAbsent(provider.name(), provider);
        if (previous != null && previous.getClass() != provider.getClass()) {
          throw new IllegalStateException(
              "two consensus modules are named '"
                  + provider.name()
                  + "': "
                  + previous.getClass().getName()
                  + " and "
                  + provider.getClass().getName());
        }
      }
    } catch (ServiceConfigurationError e) {
      throw new IllegalStateException("a consensus module failed to load: " + e.getMessage(), e);
    }
    return registry;
  }

  public static ConsensusRegistry loadDefault() {
    return load(ConsensusRegistry.class.getClassLoader());
  }

  public ConsensusProvider find(String type) {
    ConsensusProvider provider = providers.get(type);
    if (provider == null) {
      throw new UnknownConsensusException(type, names());
    }
    return provider;
  }

  public Set<String> names() {
    return Collections.unmodifiableSet(providers.keySet());
  }
}

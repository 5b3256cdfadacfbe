package io.consensio.runtime.storage;

import io.consensio.api.services.DurableStore;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link StorageProvider} whose namespaces are {@link InMemoryDurableStore}s: one store per name,
 * created on first use. Used by tests and by in-process devnets that need no disk. After {@link
 * #close()} no store can be opened; stores already handed out keep their contents, so a test can
 * hand the same store to a "restarted" ledger.
 */
public final class InMemoryStorageProvider implements StorageProvider {
  private final Map<String, InMemoryDurableStore> stores = new HashMap<>();
  private boolean closed;

  @Override
  public synchronized DurableStore open(String namespace) {
    Objects.requireNonNull(namespace, "namespace");
    if (closed) {
      throw new IllegalStateException("storage provider is closed");
    }
    return stores.computeIfAbsent(namespace, name -> new InMemoryDurableStore());
  }

  @Override
  public synchronized void close() {
    closed = true;
  }
}

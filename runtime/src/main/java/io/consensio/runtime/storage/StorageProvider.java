package io.consensio.runtime.storage;

import io.consensio.api.services.DurableStore;

/**
 * A node's disk: named, independent key/value stores ({@code ledger}, {@code engine}) that share
 * one durability domain. In-memory for tests, RocksDB in a real node, a crashable disk in the
 * simulator.
 */
public interface StorageProvider extends AutoCloseable {
  /** The store called {@code namespace}; the same instance for the same name. */
  DurableStore open(String namespace);

  @Override
  void close();
}

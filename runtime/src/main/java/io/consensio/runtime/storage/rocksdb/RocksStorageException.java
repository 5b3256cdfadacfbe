package io.consensio.runtime.storage.rocksdb;

/**
 * A RocksDB operation failed (I/O error, corruption, a directory locked by another node). Unchecked
 * because {@link io.consensio.api.services.DurableStore} declares no checked exceptions: a node
 * that cannot read or write its own disk cannot continue and stops with this message.
 */
public final class RocksStorageException extends RuntimeException {
  public RocksStorageException(String message, Throwable cause) {
    super(message, cause);
  }

  public RocksStorageException(String message) {
    super(message);
  }
}

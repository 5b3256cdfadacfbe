package io.consensio.runtime.storage.rocksdb;

import org.rocksdb.RocksDB;

/**
 * Loads the RocksDB native library exactly once per class loader. {@link RocksDB#loadLibrary()}
 * extracts a shared object of about 15 MB to the temporary directory on every call that finds it
 * not yet loaded, so every entry point of this package goes through {@link #ensureLoaded()}, whose
 * holder class is initialised (and the library loaded) once, thread-safely, by the JVM.
 */
final class RocksNative {
  private RocksNative() {}

  private static final class Holder {
    static {
      RocksDB.loadLibrary();
    }

    static void touch() {}
  }

  static void ensureLoaded() {
    Holder.touch();
  }
}

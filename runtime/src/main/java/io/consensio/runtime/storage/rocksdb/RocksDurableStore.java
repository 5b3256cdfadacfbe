package io.consensio.runtime.storage.rocksdb;

import io.consensio.api.services.DurableStore;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.WriteBatch;

/**
 * One namespace of a {@link RocksStorageProvider}: a column family of the node's database. Keys are
 * ordered by RocksDB's default bytewise comparator, which compares unsigned bytes, the order {@link
 * DurableStore} promises. Writes are visible at once and durable after {@link #sync()}, which
 * fsyncs the write-ahead log shared by every namespace of the provider.
 *
 * <p>Thread-safe, as RocksDB is; a {@link #scan} sees a consistent snapshot taken when it starts,
 * so a visitor may write to the store without disturbing the iteration.
 */
final class RocksDurableStore implements DurableStore {
  private final RocksStorageProvider provider;
  private final String namespace;
  private final ColumnFamilyHandle family;

  RocksDurableStore(RocksStorageProvider provider, String namespace, ColumnFamilyHandle family) {
    this.provider = provider;
    this.namespace = namespace;
    this.family = family;
  }

  @Override
  public Optional<byte[]> get(byte[] key) {
    Objects.requireNonNull(key, "key");
    try {
      return Optional.ofNullable(provider.db().get(family, key));
    } catch (RocksDBException e) {
      throw failure("read", e);
    }
  }

  @Override
  public void put(byte[] key, byte[] value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    try {
      provider.db().put(family, provider.writeOptions(), key, value);
    } catch (RocksDBException e) {
      throw failure("write", e);
    }
  }

  @Override
  public void delete(byte[] key) {
    Objects.requireNonNull(key, "key");
    try {
      provider.db().delete(family, provider.writeOptions(), key);
    } catch (RocksDBException e) {
      throw failure("delete", e);
    }
  }

  /** One RocksDB write batch: a single WAL record, so recovery replays all of it or none. */
  @Override
  public void writeBatch(Map<byte[], byte[]> writes) {
    try (WriteBatch batch = new WriteBatch()) {
      for (Map.Entry<byte[], byte[]> write : writes.entrySet()) {
        byte[] key = Objects.requireNonNull(write.getKey(), "key");
        if (write.getValue() == null) {
          batch.delete(family, key);
        } else {
          batch.put(family, key, write.getValue());
        }
      }
      provider.db().write(provider.writeOptions(), batch);
    } catch (RocksDBException e) {
      throw failure("write a batch to", e);
    }
  }

  @Override
  public void scan(byte[] prefix, BiConsumer<byte[], byte[]> visitor) {
    Objects.requireNonNull(prefix, "prefix");
    byte[] upperBound = PrefixBound.exclusiveUpperBound(prefix);
    // The bound lets RocksDB stop at the end of the prefix instead of reading one key past it.
    try (Slice bound = upperBound == null ? null : new Slice(upperBound);
        ReadOptions options = new ReadOptions()) {
      if (bound != null) {
        options.setIterateUpperBound(bound);
      }
      try (RocksIterator it = provider.db().newIterator(family, options)) {
        for (it.seek(prefix); it.isValid(); it.next()) {
          byte[] key = it.key();
          if (!PrefixBound.startsWith(key, prefix)) {
            break;
          }
          visitor.accept(key, it.value());
        }
        it.status();
      }
    } catch (RocksDBException e) {
      throw failure("scan", e);
    }
  }

  @Override
  public void deleteRange(byte[] fromInclusive, byte[] toExclusive) {
    Objects.requireNonNull(fromInclusive, "fromInclusive");
    Objects.requireNonNull(toExclusive, "toExclusive");
    if (Arrays.compareUnsigned(fromInclusive, toExclusive) >= 0) {
      return; // an empty range; RocksDB rejects a reversed one
    }
    try {
      provider.db().deleteRange(family, provider.writeOptions(), fromInclusive, toExclusive);
    } catch (RocksDBException e) {
      throw failure("delete a range of", e);
    }
  }

  /** Fsyncs the provider's write-ahead log: every write of every namespace so far is durable. */
  @Override
  public void sync() {
    provider.syncWal();
  }

  private RocksStorageException failure(String action, RocksDBException e) {
    return new RocksStorageException(
        "cannot "
            + action
            + " store '"
            + namespace
            + "' in "
            + provider.directory()
            + ": "
            + e.getMessage(),
        e);
  }

  @Override
  public String toString() {
    return "RocksDurableStore[" + namespace + " in " + provider.directory() + "]";
  }
}

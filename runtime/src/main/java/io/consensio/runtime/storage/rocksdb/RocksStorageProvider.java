package io.consensio.runtime.storage.rocksdb;

import io.consensio.api.services.DurableStore;
import io.consensio.runtime.storage.StorageProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteOptions;

/**
 * A node's disk in production: one RocksDB database per data directory, one column family per
 * namespace. All namespaces share the database's single write-ahead log, so they form one
 * durability domain: {@link DurableStore#sync()} on any store makes the writes of every store
 * durable, and a crash never keeps a later write of one namespace while losing an earlier synced
 * write of another.
 *
 * <p><b>Durability.</b> The database runs with {@code manual_wal_flush}: a write goes to the
 * memtable (visible at once) and to the WAL's in-process buffer, with no system call. {@link
 * RocksDurableStore#sync()} calls {@code FlushWAL(sync=true)}, which writes that buffer to the log
 * file and fsyncs it. That is exactly the {@link DurableStore} contract (durable only after sync)
 * at the lowest cost per write; the alternative, {@code WriteOptions.sync=true} on every write,
 * would fsync even the writes an engine does not need durable yet. A clean {@link #close()} syncs
 * too, so a node that stops normally loses nothing.
 *
 * <p><b>Threading.</b> {@link #open(String)} and {@link #close()} are synchronized; store
 * operations may be called from any thread, as RocksDB allows. {@link #close()} must not race with
 * store operations still in flight (the node stops its event loop first): after close every store
 * operation throws {@link IllegalStateException}.
 *
 * <p>A second provider on the same directory, in this process or another, fails with {@link
 * RocksStorageException} naming the directory, because RocksDB holds an exclusive lock on it.
 */
public final class RocksStorageProvider implements StorageProvider {
  private static final String DEFAULT_FAMILY =
      new String(RocksDB.DEFAULT_COLUMN_FAMILY, StandardCharsets.UTF_8);

  /** Values at least this large are kept in blob files, out of compaction's way. */
  static final long BLOB_THRESHOLD_BYTES = 4_096;

  private final Path directory;
  private final DBOptions dbOptions;
  private final ColumnFamilyOptions familyOptions;
  private final WriteOptions writeOptions;
  private final RocksDB db;
  private final Map<String, ColumnFamilyHandle> families = new HashMap<>();
  private final Map<String, RocksDurableStore> stores = new HashMap<>();
  private volatile boolean closed;

  private RocksStorageProvider(
      Path directory,
      DBOptions dbOptions,
      ColumnFamilyOptions familyOptions,
      RocksDB db,
      List<String> names,
      List<ColumnFamilyHandle> handles) {
    this.directory = directory;
    this.dbOptions = dbOptions;
    this.familyOptions = familyOptions;
    this.writeOptions = new WriteOptions().setSync(false);
    this.db = db;
    for (int i = 0; i < names.size(); i++) {
      families.put(names.get(i), handles.get(i));
    }
  }

  /**
   * Opens (creating if needed) the database in {@code directory} together with every namespace
   * created in it before.
   *
   * @throws RocksStorageException when the directory is in use by another provider or unreadable
   */
  public static RocksStorageProvider open(Path directory) {
    RocksNative.ensureLoaded();
    Path dir = directory.toAbsolutePath().normalize();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new RocksStorageException("cannot create data directory " + dir + ": " + e, e);
    }
    List<String> names = existingFamilies(dir);
    List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    ColumnFamilyOptions familyOptions = familyOptions();
    for (String name : names) {
      descriptors.add(
          new ColumnFamilyDescriptor(name.getBytes(StandardCharsets.UTF_8), familyOptions));
    }
    DBOptions dbOptions =
        new DBOptions()
            .setCreateIfMissing(true)
            .setCreateMissingColumnFamilies(true)
            .setManualWalFlush(true);
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    try {
      RocksDB db = RocksDB.open(dbOptions, dir.toString(), descriptors, handles);
      return new RocksStorageProvider(dir, dbOptions, familyOptions, db, names, handles);
    } catch (RocksDBException e) {
      dbOptions.close();
      familyOptions.close();
      throw new RocksStorageException(describeOpenFailure(dir, e), e);
    }
  }

  /**
   * Options for every namespace. A ledger writes whole blocks (hundreds of KiB) once and rarely
   * reads them, and small index and state entries often; leveled compaction would rewrite every
   * block about once per level, which profiling showed as a fifth of a loaded cluster's CPU. So
   * values of at least {@link #BLOB_THRESHOLD_BYTES} go to blob files (RocksDB's integrated
   * BlobDB): compaction moves only their small references, and blob garbage collection reclaims the
   * space of deleted ones. Nothing is compressed: blocks are mostly signatures, keys and hashes,
   * which do not compress, and trying costs CPU on every flush and compaction.
   */
  private static ColumnFamilyOptions familyOptions() {
    return new ColumnFamilyOptions()
        .setCompressionType(CompressionType.NO_COMPRESSION)
        .setEnableBlobFiles(true)
        .setMinBlobSize(BLOB_THRESHOLD_BYTES)
        .setBlobCompressionType(CompressionType.NO_COMPRESSION)
        .setEnableBlobGarbageCollection(true);
  }

  private static List<String> existingFamilies(Path dir) {
    List<String> names = new ArrayList<>();
    names.add(DEFAULT_FAMILY);
    if (!Files.exists(dir.resolve("CURRENT"))) {
      return names; // a new database: only the default family will exist
    }
    try (Options options = new Options()) {
      for (byte[] raw : RocksDB.listColumnFamilies(options, dir.toString())) {
        String name = new String(raw, StandardCharsets.UTF_8);
        if (!name.equals(DEFAULT_FAMILY)) {
          names.add(name);
        }
      }
      return names;
    } catch (RocksDBException e) {
      throw new RocksStorageException(describeOpenFailure(dir, e), e);
    }
  }

  private static String describeOpenFailure(Path dir, RocksDBException e) {
    String detail = String.valueOf(e.getMessage());
    if (detail.toLowerCase(Locale.ROOT).contains("lock")) {
      return "data directory "
          + dir
          + " is already in use by another open store (another node, or this one started twice):"
          + " RocksDB refused its lock: "
          + detail;
    }
    return "cannot open RocksDB in " + dir + ": " + detail;
  }

  @Override
  public synchronized DurableStore open(String namespace) {
    checkOpen();
    if (namespace == null || namespace.isEmpty()) {
      throw new IllegalArgumentException("a store namespace must be a non-empty name");
    }
    RocksDurableStore store = stores.get(namespace);
    if (store == null) {
      store = new RocksDurableStore(this, namespace, familyFor(namespace));
      stores.put(namespace, store);
    }
    return store;
  }

  private ColumnFamilyHandle familyFor(String namespace) {
    ColumnFamilyHandle handle = families.get(namespace);
    if (handle != null) {
      return handle;
    }
    try {
      handle =
          db.createColumnFamily(
              new ColumnFamilyDescriptor(
                  namespace.getBytes(StandardCharsets.UTF_8), familyOptions));
    } catch (RocksDBException e) {
      throw new RocksStorageException(
          "cannot create namespace '" + namespace + "' in " + directory + ": " + e.getMessage(), e);
    }
    families.put(namespace, handle);
    return handle;
  }

  /** The directory this provider owns. */
  public Path directory() {
    return directory;
  }

  RocksDB db() {
    checkOpen();
    return db;
  }

  WriteOptions writeOptions() {
    return writeOptions;
  }

  /** Writes the WAL buffer to the log file and fsyncs it: every write so far becomes durable. */
  void syncWal() {
    try {
      db().flushWal(true);
    } catch (RocksDBException e) {
      throw new RocksStorageException(
          "cannot sync the write-ahead log in " + directory + ": " + e.getMessage(), e);
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("RocksDB storage in " + directory + " is closed");
    }
  }

  /** Syncs the log, then releases every handle and the directory lock. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    RocksStorageException failure = null;
    try {
      syncWal();
    } catch (RocksStorageException e) {
      failure = e;
    }
    closed = true;
    for (ColumnFamilyHandle handle : families.values()) {
      handle.close();
    }
    families.clear();
    stores.clear();
    try {
      db.closeE();
    } catch (RocksDBException e) {
      if (failure == null) {
        failure =
            new RocksStorageException(
                "error closing RocksDB in " + directory + ": " + e.getMessage(), e);
      }
    } finally {
      writeOptions.close();
      dbOptions.close();
      familyOptions.close();
    }
    if (failure != null) {
      throw failure;
    }
  }
}

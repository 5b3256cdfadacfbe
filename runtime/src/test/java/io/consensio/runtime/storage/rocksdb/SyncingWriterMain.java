package io.consensio.runtime.storage.rocksdb;

import io.consensio.api.services.DurableStore;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The child process of {@link RocksCrashTest}: writes numbered batches to a store, syncs after
 * each, and prints the number of each batch once its sync has returned. It is killed with SIGKILL
 * part-way; if nobody kills it, it stops by itself after {@code maxBatches}.
 *
 * <p>Arguments: the data directory and the number of batches to write at most.
 */
public final class SyncingWriterMain {
  static final String NAMESPACE = "engine";
  static final int KEYS_PER_BATCH = 8;
  static final int VALUE_BYTES = 200;

  private SyncingWriterMain() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    int maxBatches = Integer.parseInt(args[1]);
    // Unbuffered: each report is one write(2) of a whole line, so the parent never sees half of
    // a number, and a number is printed only after its sync returned.
    OutputStream out = new FileOutputStream(FileDescriptor.out);
    RocksStorageProvider provider = RocksStorageProvider.open(dir);
    DurableStore store = provider.open(NAMESPACE);
    for (int batch = 0; batch < maxBatches; batch++) {
      Map<byte[], byte[]> writes = new LinkedHashMap<>();
      for (int k = 0; k < KEYS_PER_BATCH; k++) {
        writes.put(key(batch, k), value(batch, k));
      }
      store.writeBatch(writes);
      store.sync();
      out.write((batch + "\n").getBytes(StandardCharsets.US_ASCII));
    }
    provider.close();
  }

  static byte[] key(int batch, int k) {
    // Big-endian with a high first byte, so the keys also exercise unsigned ordering.
    return new byte[] {
      (byte) 0xB0,
      (byte) (batch >>> 24),
      (byte) (batch >>> 16),
      (byte) (batch >>> 8),
      (byte) batch,
      (byte) k
    };
  }

  static byte[] value(int batch, int k) {
    byte[] value = new byte[VALUE_BYTES];
    for (int i = 0; i < value.length; i++) {
      value[i] = (byte) (batch * 31 + k * 7 + i);
    }
    return value;
  }
}

package io.consensio.runtime.storage.rocksdb;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consensio.api.services.DurableStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksDurableStoreTest {
  @TempDir Path dir;
  private RocksStorageProvider provider;
  private DurableStore store;

  @BeforeEach
  void openStore() {
    provider = RocksStorageProvider.open(dir);
    store = provider.open("engine");
  }

  @AfterEach
  void closeStore() {
    provider.close();
  }

  private static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(UTF_8);
  }

  private List<String> scanKeys(byte[] prefix) {
    List<String> keys = new ArrayList<>();
    store.scan(prefix, (k, v) -> keys.add(HexFormat.of().formatHex(k)));
    return keys;
  }

  @Test
  void putThenGetReturnsTheValueAndDeleteRemovesIt() {
    store.put(utf8("term"), utf8("7"));
    assertThat(store.get(utf8("term"))).hasValueSatisfying(v -> assertThat(v).isEqualTo(utf8("7")));

    store.put(utf8("term"), utf8("8"));
    assertThat(store.get(utf8("term"))).hasValueSatisfying(v -> assertThat(v).isEqualTo(utf8("8")));

    store.delete(utf8("term"));
    assertThat(store.get(utf8("term"))).isEmpty();
    assertThat(store.get(utf8("never-written"))).isEmpty();
  }

  @Test
  void emptyValuesAreStoredAndDistinctFromAbsentKeys() {
    store.put(utf8("k"), new byte[0]);
    assertThat(store.get(utf8("k"))).hasValueSatisfying(v -> assertThat(v).isEmpty());
  }

  @Test
  void scanVisitsKeysInUnsignedByteOrderIncludingBytesAbove0x7F() {
    for (byte[] key :
        List.of(
            bytes(0xFF),
            bytes(0x80, 0x00),
            bytes(0x01),
            bytes(0x80),
            bytes(0x7F),
            bytes(0xC3, 0xA9))) {
      store.put(key, key);
    }

    assertThat(scanKeys(new byte[0])).containsExactly("01", "7f", "80", "8000", "c3a9", "ff");
  }

  @Test
  void scanVisitsOnlyKeysWithThePrefixAndPassesTheirValues() {
    store.put(bytes(0x80), utf8("a"));
    store.put(bytes(0x80, 0xFF), utf8("b"));
    store.put(bytes(0x80, 0xFF, 0x01), utf8("c"));
    store.put(bytes(0x81), utf8("outside"));
    store.put(bytes(0x7F, 0xFF), utf8("outside"));
    store.put(bytes(0xFF, 0xFF), utf8("d"));
    store.put(bytes(0xFF, 0xFF, 0xFF), utf8("e"));

    Map<String, String> seen = new LinkedHashMap<>();
    store.scan(bytes(0x80), (k, v) -> seen.put(HexFormat.of().formatHex(k), new String(v, UTF_8)));
    assertThat(seen)
        .containsExactly(Map.entry("80", "a"), Map.entry("80ff", "b"), Map.entry("80ff01", "c"));

    // A prefix of 0xFF bytes has no upper bound: the scan must still stop at the end of the data.
    assertThat(scanKeys(bytes(0xFF, 0xFF))).containsExactly("ffff", "ffffff");
    assertThat(scanKeys(bytes(0x90))).isEmpty();
  }

  @Test
  void writeBatchAppliesPutsAndNullValueDeletesTogether() {
    store.put(utf8("old"), utf8("x"));
    Map<byte[], byte[]> writes = new LinkedHashMap<>();
    writes.put(utf8("a"), utf8("1"));
    writes.put(utf8("old"), null);
    writes.put(utf8("b"), utf8("2"));

    store.writeBatch(writes);

    assertThat(store.get(utf8("a"))).hasValueSatisfying(v -> assertThat(v).isEqualTo(utf8("1")));
    assertThat(store.get(utf8("b"))).hasValueSatisfying(v -> assertThat(v).isEqualTo(utf8("2")));
    assertThat(store.get(utf8("old"))).isEmpty();
  }

  @Test
  void writeBatchAppliesWritesToTheSameKeyInIterationOrder() {
    Map<byte[], byte[]> writes = new LinkedHashMap<>();
    byte[] first = utf8("k");
    byte[] second = utf8("k"); // a distinct array: byte[] keys are identity keys in a Map
    writes.put(first, utf8("put first"));
    writes.put(second, null);
    store.writeBatch(writes);
    assertThat(store.get(utf8("k"))).isEmpty();
  }

  @Test
  void writeBatchThatFailsPartWayAppliesNothing() {
    Map<byte[], byte[]> writes = new LinkedHashMap<>();
    writes.put(utf8("a"), utf8("1"));
    writes.put(null, utf8("2"));

    assertThatThrownBy(() -> store.writeBatch(writes)).isInstanceOf(NullPointerException.class);
    assertThat(store.get(utf8("a"))).isEmpty();
  }

  @Test
  void deleteRangeRemovesKeysFromInclusiveToExclusive() {
    for (int b : new int[] {0x10, 0x7F, 0x80, 0x81, 0xF0, 0xFF}) {
      store.put(bytes(b), bytes(b));
      store.put(bytes(b, 0x00), bytes(b));
    }

    store.deleteRange(bytes(0x7F, 0x00), bytes(0xF0));

    assertThat(scanKeys(new byte[0]))
        .containsExactly("10", "1000", "7f", "f0", "f000", "ff", "ff00");
  }

  @Test
  void deleteRangeWithAnEmptyOrReversedRangeDeletesNothing() {
    store.put(bytes(0x05), bytes(1));
    store.deleteRange(bytes(0x05), bytes(0x05));
    store.deleteRange(bytes(0x09), bytes(0x01));
    assertThat(scanKeys(new byte[0])).containsExactly("05");
  }

  @Test
  void namespacesAreIndependentStoresAndTheSameNameGivesTheSameStore() {
    DurableStore ledger = provider.open("ledger");
    store.put(utf8("k"), utf8("engine"));
    ledger.put(utf8("k"), utf8("ledger"));

    assertThat(store.get(utf8("k")))
        .hasValueSatisfying(v -> assertThat(v).isEqualTo(utf8("engine")));
    assertThat(ledger.get(utf8("k")))
        .hasValueSatisfying(v -> assertThat(v).isEqualTo(utf8("ledger")));
    assertThat(provider.open("ledger")).isSameAs(ledger);

    ledger.deleteRange(new byte[0], bytes(0xFF));
    assertThat(store.get(utf8("k"))).isPresent();
  }

  @Test
  void reopeningAfterCloseKeepsEveryNamespaceAndItsData() {
    store.put(utf8("vote"), utf8("node-2"));
    provider.open("ledger").put(bytes(0x80), utf8("block"));
    provider.close();

    provider = RocksStorageProvider.open(dir);
    assertThat(provider.open("engine").get(utf8("vote")))
        .hasValueSatisfying(v -> assertThat(v).isEqualTo(utf8("node-2")));
    assertThat(provider.open("ledger").get(bytes(0x80)))
        .hasValueSatisfying(v -> assertThat(v).isEqualTo(utf8("block")));
  }

  @Test
  void openingADirectoryAlreadyInUseFailsWithAClearMessage() {
    assertThatThrownBy(() -> RocksStorageProvider.open(dir))
        .isInstanceOf(RocksStorageException.class)
        .hasMessageContaining(dir.toAbsolutePath().toString())
        .hasMessageContaining("already in use");
    // The failed attempt must leave the first provider working.
    store.put(utf8("still"), utf8("works"));
    assertThat(store.get(utf8("still"))).isPresent();
  }

  @Test
  void storesRefuseOperationsAfterCloseAndCloseIsIdempotent() {
    provider.close();
    assertThatThrownBy(() -> store.get(utf8("k")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(() -> provider.open("other")).isInstanceOf(IllegalStateException.class);
    provider.close();
  }
}

package io.consensio.sim.disk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consensio.api.services.DurableStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimDiskTest {
  private final SimDisk disk = new SimDisk();

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String s(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static List<String> keys(DurableStore store, String prefix) {
    List<String> keys = new ArrayList<>();
    store.scan(b(prefix), (k, v) -> keys.add(s(k) + "=" + s(v)));
    return keys;
  }

  @Test
  void writesAreVisibleAtOnce() {
    DurableStore store = disk.open("engine");
    store.put(b("term"), b("3"));

    assertThat(store.get(b("term"))).hasValueSatisfying(v -> assertThat(s(v)).isEqualTo("3"));
    store.delete(b("term"));
    assertThat(store.get(b("term"))).isEmpty();
  }

  @Test
  void aKeyAbsentAtTheLastSyncAndWrittenTwiceIsAbsentAgainAfterACrash() {
    SimDisk disk = new SimDisk();
    DurableStore store = disk.open("ledger");
    store.put(b("kept"), b("1"));
    store.sync();
    store.put(b("new"), b("first"));
    store.put(b("new"), b("second"));
    store.put(b("kept"), b("2"));
    store.put(b("kept"), b("3"));

    disk.crash();
    DurableStore reopened = disk.open("ledger");

    assertThat(reopened.get(b("new"))).isEmpty();
    assertThat(reopened.get(b("kept"))).hasValueSatisfying(v -> assertThat(v).isEqualTo(b("1")));
  }

  @Test
  void crashKeepsSyncedWritesAndDiscardsLaterOnesInEveryNamespace() {
    DurableStore engine = disk.open("engine");
    DurableStore ledger = disk.open("ledger");
    engine.put(b("term"), b("1"));
    ledger.put(b("block/1"), b("x"));
    ledger.put(b("gone-after-crash"), b("kept-until-sync"));
    engine.sync();

    engine.put(b("term"), b("2"));
    engine.put(b("vote"), b("node-2"));
    ledger.delete(b("block/1"));
    disk.crash();

    assertThatThrownBy(() -> engine.get(b("term"))).isInstanceOf(IllegalStateException.class);
    DurableStore engineAgain = disk.open("engine");
    DurableStore ledgerAgain = disk.open("ledger");
    assertThat(engineAgain).isSameAs(engine);
    assertThat(engineAgain.get(b("term"))).hasValueSatisfying(v -> assertThat(s(v)).isEqualTo("1"));
    assertThat(engineAgain.get(b("vote"))).isEmpty();
    assertThat(ledgerAgain.get(b("block/1"))).isPresent();
    assertThat(disk.unsyncedKeys()).isZero();
  }

  @Test
  void aValueOverwrittenSeveralTimesRevertsToItsSyncedValue() {
    DurableStore store = disk.open("engine");
    store.put(b("k"), b("synced"));
    store.sync();
    store.put(b("k"), b("one"));
    store.delete(b("k"));
    store.put(b("k"), b("two"));

    disk.crash();

    assertThat(disk.open("engine").get(b("k")))
        .hasValueSatisfying(v -> assertThat(s(v)).isEqualTo("synced"));
  }

  @Test
  void writeBatchIsAllOrNothingAcrossACrash() {
    DurableStore store = disk.open("ledger");
    Map<byte[], byte[]> batch = new LinkedHashMap<>();
    batch.put(b("a"), b("1"));
    batch.put(b("b"), b("2"));
    store.writeBatch(batch);
    disk.crash();
    assertThat(keys(disk.open("ledger"), "")).isEmpty();

    store.writeBatch(batch);
    store.sync();
    Map<byte[], byte[]> second = new LinkedHashMap<>();
    second.put(b("a"), null);
    second.put(b("c"), b("3"));
    store.writeBatch(second);
    disk.crash();
    assertThat(keys(disk.open("ledger"), "")).containsExactly("a=1", "b=2");
  }

  @Test
  void writeBatchWithANullKeyChangesNothing() {
    DurableStore store = disk.open("ledger");
    Map<byte[], byte[]> batch = new LinkedHashMap<>();
    batch.put(b("a"), b("1"));
    batch.put(null, b("2"));

    assertThatThrownBy(() -> store.writeBatch(batch)).isInstanceOf(NullPointerException.class);
    assertThat(store.get(b("a"))).isEmpty();
  }

  @Test
  void scanVisitsThePrefixInUnsignedKeyOrder() {
    DurableStore store = disk.open("ledger");
    store.put(new byte[] {1, (byte) 0xFF}, b("high"));
    store.put(new byte[] {1, 0x01}, b("low"));
    store.put(new byte[] {1}, b("prefix-itself"));
    store.put(new byte[] {2, 0}, b("other"));
    store.put(new byte[] {0, 9}, b("before"));

    List<String> values = new ArrayList<>();
    store.scan(new byte[] {1}, (k, v) -> values.add(s(v)));

    assertThat(values).containsExactly("prefix-itself", "low", "high");
  }

  @Test
  void visitorMayDeleteWhileScanning() {
    DurableStore store = disk.open("ledger");
    store.put(b("p1"), b("x"));
    store.put(b("p2"), b("y"));

    store.scan(b("p"), (k, v) -> store.delete(k));

    assertThat(keys(store, "")).isEmpty();
  }

  @Test
  void deleteRangeRemovesTheHalfOpenRangeAndIsRevertedByACrash() {
    DurableStore store = disk.open("engine");
    for (String k : List.of("log/1", "log/2", "log/3", "log/4")) {
      store.put(b(k), b("e"));
    }
    store.sync();

    store.deleteRange(b("log/2"), b("log/4"));
    assertThat(keys(store, "log/")).containsExactly("log/1=e", "log/4=e");

    disk.crash();
    assertThat(keys(disk.open("engine"), "log/")).hasSize(4);
  }

  @Test
  void storedBytesCannotBeChangedThroughCallerArrays() {
    DurableStore store = disk.open("engine");
    byte[] key = b("k");
    byte[] value = b("v");
    store.put(key, value);
    value[0] = 'X';
    store.get(key).orElseThrow()[0] = 'Y';

    assertThat(s(store.get(b("k")).orElseThrow())).isEqualTo("v");
  }

  @Test
  void cleanCloseKeepsUnsyncedWrites() {
    DurableStore store = disk.open("engine");
    store.put(b("k"), b("v"));
    disk.close();

    assertThatThrownBy(() -> store.put(b("x"), b("y"))).isInstanceOf(IllegalStateException.class);
    assertThat(disk.open("engine").get(b("k"))).isPresent();
  }
}

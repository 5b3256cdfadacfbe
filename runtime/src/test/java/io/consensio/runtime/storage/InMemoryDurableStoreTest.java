package io.consensio.runtime.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InMemoryDurableStoreTest {
  private final InMemoryDurableStore store = new InMemoryDurableStore();

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private List<String> keysUnder(byte[] prefix) {
    List<String> keys = new ArrayList<>();
    store.scan(prefix, (k, v) -> keys.add(new String(k, StandardCharsets.ISO_8859_1)));
    return keys;
  }

  @Test
  void scanVisitsOnlyThePrefixInUnsignedKeyOrder() {
    store.put(new byte[] {'a', (byte) 0x80}, b("high"));
    store.put(new byte[] {'a', 0x7F}, b("low"));
    store.put(b("a"), b("exact"));
    store.put(b("b1"), b("other"));
    store.put(b("0"), b("before"));

    List<String> keys = keysUnder(b("a"));

    assertThat(keys).containsExactly("a", "a\u007F", "a\u0080");
  }

  @Test
  void getReturnsACopyAndPutCopiesItsInput() {
    byte[] value = b("v1");
    store.put(b("k"), value);
    value[0] = 'X';
    store.get(b("k")).orElseThrow()[0] = 'Y';

    assertThat(store.get(b("k"))).hasValueSatisfying(v -> assertThat(v).isEqualTo(b("v1")));
  }

  @Test
  void deleteRangeRemovesFromInclusiveToExclusive() {
    for (String key : List.of("k1", "k2", "k3", "k4")) {
      store.put(b(key), b(key));
    }

    store.deleteRange(b("k2"), b("k4"));

    assertThat(keysUnder(b("k"))).containsExactly("k1", "k4");
  }

  @Test
  void writeBatchAppliesPutsAndDeletesInOrder() {
    store.put(b("gone"), b("x"));
    Map<byte[], byte[]> batch = new LinkedHashMap<>();
    batch.put(b("gone"), null);
    batch.put(b("new"), b("1"));
    batch.put(b("twice"), b("first"));
    batch.put(b("twice"), b("second"));

    store.writeBatch(batch);

    assertThat(store.get(b("gone"))).isEmpty();
    assertThat(store.get(b("new"))).hasValueSatisfying(v -> assertThat(v).isEqualTo(b("1")));
    assertThat(store.get(b("twice"))).hasValueSatisfying(v -> assertThat(v).isEqualTo(b("second")));
  }

  @Test
  void writeBatchWithANullKeyChangesNothing() {
    Map<byte[], byte[]> batch = new LinkedHashMap<>();
    batch.put(b("first"), b("1"));
    batch.put(null, b("2"));

    assertThatThrownBy(() -> store.writeBatch(batch)).isInstanceOf(NullPointerException.class);
    assertThat(store.get(b("first"))).isEmpty();
  }

  @Test
  void aVisitorMayWriteWhileScanning() {
    store.put(b("p1"), b("1"));
    store.put(b("p2"), b("2"));

    store.scan(b("p"), (k, v) -> store.delete(k));

    assertThat(store.size()).isZero();
  }

  @Test
  void providerHandsOutOneStorePerNamespace() {
    InMemoryStorageProvider provider = new InMemoryStorageProvider();
    provider.open("ledger").put(b("k"), b("v"));

    assertThat(provider.open("ledger")).isSameAs(provider.open("ledger"));
    assertThat(provider.open("ledger").get(b("k"))).isPresent();
    assertThat(provider.open("engine").get(b("k"))).isEmpty();

    provider.close();
    assertThatThrownBy(() -> provider.open("ledger")).isInstanceOf(IllegalStateException.class);
  }
}

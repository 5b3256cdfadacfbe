package io.consensio.raft.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.Member;
import io.consensio.api.crypto.Ed25519KeyPair;
import io.consensio.api.types.Block;
import io.consensio.api.types.BlockHeader;
import io.consensio.api.types.Hash;
import io.consensio.api.types.NodeId;
import io.consensio.raft.harness.FakeChainStore;
import io.consensio.raft.harness.MemoryDurableStore;
import io.consensio.raft.quorum.Configuration;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The log keeps a header for every entry and a body only from {@link RaftLog#firstIndexInMemory()}
 * on; everything the protocol asks (paper §5.3, thesis §4.1, §5.1) is answered alike with the
 * bodies in memory or on disk.
 */
class RaftLogBodiesTest {
  private final RaftStorage storage = new RaftStorage(new MemoryDurableStore());
  private final Configuration bootstrap =
      Configuration.of(
          List.of(
              new Member(
                  NodeId.of("n1"),
                  Ed25519KeyPair.fromSeed(
                          Hash.sha256("n1".getBytes(StandardCharsets.UTF_8)).toBytes())
                      .publicKey())));

  /** Entries 1..n of term 1: a block of height i at each even index i, else a no-op. */
  private static List<LogEntry> entries(int n) {
    BlockHeader g = FakeChainStore.testGenesis().header();
    List<LogEntry> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      BlockHeader h =
          new BlockHeader(
              i, g.parent(), i, g.proposer(), g.txRoot(), g.stateRoot(), new byte[] {(byte) i});
      out.add(i % 2 == 0 ? LogEntry.block(i, 1, new Block(h, List.of())) : LogEntry.noop(i, 1));
    }
    return out;
  }

  private static long bytes(List<LogEntry> entries) {
    return entries.stream().mapToLong(LogEntry::sizeBytes).sum();
  }

  private RaftLog logWith(List<LogEntry> entries) {
    RaftLog log = new RaftLog(storage, bootstrap, Optional.empty(), List.of());
    log.appendWithoutSync(entries);
    log.sync();
    return log;
  }

  @Test
  void releasedBodiesLeaveMemoryAndAreReadBackFromStorageUnchanged() {
    List<LogEntry> written = entries(20);
    RaftLog log = logWith(written);
    assertThat(log.bodyBytesInMemory()).isEqualTo(bytes(written));

    log.releaseBodiesBefore(15);

    assertThat(log.firstIndexInMemory()).isEqualTo(15);
    assertThat(log.bodyBytesInMemory()).isEqualTo(bytes(written.subList(14, 20)));
    assertThat(log.sizeBytes()).as("the log itself is unchanged").isEqualTo(bytes(written));
    for (LogEntry e : written) {
      assertThat(log.entry(e.index())).isEqualTo(e);
      assertThat(log.term(e.index())).isEqualTo(1);
    }
    assertThat(log.slice(10, Long.MAX_VALUE)).containsExactlyElementsOf(written.subList(9, 20));
    assertThat(log.bodyBytesInMemory())
        .as("reading back keeps nothing")
        .isEqualTo(bytes(written.subList(14, 20)));
    assertThat(log.lastBlockIdAtOrBefore(13, Hash.ZERO))
        .isEqualTo(written.get(11).block().orElseThrow().id());
    assertThat(log.indexOfBlock(written.get(3).block().orElseThrow().id())).isEqualTo(4);
  }

  @Test
  void aSliceStopsAtTheByteLimitByHeaderSizesAcrossTheMemoryBoundary() {
    List<LogEntry> written = entries(12);
    RaftLog log = logWith(written);
    log.releaseBodiesBefore(7);

    assertThat(log.slice(5, bytes(written.subList(4, 8))))
        .containsExactlyElementsOf(written.subList(4, 8));
    assertThat(log.slice(5, 1)).as("at least one entry").containsExactly(written.get(4));
  }

  @Test
  void aConflictingSuffixBelowTheMemoryBoundaryReplacesHeadersAndBodies() {
    List<LogEntry> written = entries(10);
    RaftLog log = logWith(written);
    log.releaseBodiesBefore(9);
    List<LogEntry> suffix = List.of(LogEntry.noop(6, 2), LogEntry.noop(7, 2));

    log.replaceSuffix(suffix);

    assertThat(log.lastIndex()).isEqualTo(7);
    assertThat(log.firstIndexInMemory()).isEqualTo(6);
    assertThat(log.entry(6)).isEqualTo(suffix.get(0));
    assertThat(log.entry(5)).isEqualTo(written.get(4));
    assertThat(log.bodyBytesInMemory()).isEqualTo(bytes(suffix));
    assertThat(log.sizeBytes()).isEqualTo(bytes(written.subList(0, 5)) + bytes(suffix));
  }

  @Test
  void aRecoveredLogHoldsHeadersOnlyUntilAskedForTheBodiesItMustReimport() {
    List<LogEntry> written = entries(10);
    logWith(written).releaseBodiesBefore(4);

    RaftStorage.Recovered recovered = storage.load();
    RaftLog log = new RaftLog(storage, bootstrap, Optional.empty(), recovered.log());

    assertThat(recovered.log())
        .containsExactlyElementsOf(written.stream().map(EntryHeader::of).toList());
    assertThat(log.bodyBytesInMemory()).isZero();
    assertThat(log.lastTerm()).isEqualTo(1);
    assertThat(log.sizeBytes()).isEqualTo(bytes(written));
    assertThat(log.indexOfBlock(written.get(7).block().orElseThrow().id())).isEqualTo(8);

    log.loadBodiesFrom(8);

    assertThat(log.firstIndexInMemory()).isEqualTo(8);
    assertThat(log.bodyBytesInMemory()).isEqualTo(bytes(written.subList(7, 10)));
    assertThat(log.entry(9)).isEqualTo(written.get(8));
  }

  @Test
  void compactionDropsHeadersAndBodiesUpToTheSnapshot() {
    List<LogEntry> written = entries(10);
    RaftLog log = logWith(written);
    log.releaseBodiesBefore(5);
    Snapshot s = new Snapshot(7, 1, bootstrap, FakeChainStore.testGenesis(), new byte[] {1, 2});

    log.installSnapshot(s);

    assertThat(log.firstIndex()).isEqualTo(8);
    assertThat(log.firstIndexInMemory()).isEqualTo(8);
    assertThat(log.sizeBytes()).isEqualTo(bytes(written.subList(7, 10)));
    assertThat(log.bodyBytesInMemory()).isEqualTo(bytes(written.subList(7, 10)));
    assertThat(log.slice(8, Long.MAX_VALUE)).containsExactlyElementsOf(written.subList(7, 10));
  }

  @Test
  void aHeaderDecodedFromStorageEqualsTheHeaderOfTheWholeEntry() {
    for (LogEntry e : entries(4)) {
      assertThat(EntryHeader.decode(e.index(), e.encoded())).isEqualTo(EntryHeader.of(e));
    }
    LogEntry config = LogEntry.config(5, 3, bootstrap);
    assertThat(EntryHeader.decode(5, config.encoded())).isEqualTo(EntryHeader.of(config));
  }
}

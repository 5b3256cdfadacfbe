package io.consensio.raft.messages;

import io.consensio.api.codec.CanonicalReader;
import io.consensio.api.codec.CanonicalWriter;
import io.consensio.api.codec.DecodingException;
import io.consensio.api.types.Transaction;
import io.consensio.raft.RaftConfig;
import io.consensio.raft.log.LogEntry;
import io.consensio.raft.log.Snapshot;
import io.consensio.raft.messages.RaftMessage.AppendEntries;
import io.consensio.raft.messages.RaftMessage.AppendResponse;
import io.consensio.raft.messages.RaftMessage.ForwardTransactions;
import io.consensio.raft.messages.RaftMessage.Heartbeat;
import io.consensio.raft.messages.RaftMessage.HeartbeatResponse;
import io.consensio.raft.messages.RaftMessage.InstallSnapshot;
import io.consensio.raft.messages.RaftMessage.InstallSnapshotResponse;
import io.consensio.raft.messages.RaftMessage.TimeoutNow;
import io.consensio.raft.messages.RaftMessage.VoteRequest;
import io.consensio.raft.messages.RaftMessage.VoteResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * The wire format of {@link RaftMessage}: a one-byte tag, then the fields in the canonical
 * encoding. Decoding is strict — unknown tags, negative terms or indexes, oversized lists,
 * impossible chunk ranges and trailing bytes all raise {@link DecodingException} — because every
 * byte from a peer is hostile. Stateless and thread-safe.
 */
public final class RaftCodec {
  public static final int MAX_ENTRIES_PER_APPEND = 100_000;
  public static final int MAX_FORWARDED_TRANSACTIONS = 10_000;

  private static final int VOTE_REQUEST = 1;
  private static final int VOTE_RESPONSE = 2;
  private static final int APPEND = 3;
  private static final int APPEND_RESPONSE = 4;
  private static final int HEARTBEAT = 5;
  private static final int HEARTBEAT_RESPONSE = 6;
  private static final int SNAPSHOT = 7;
  private static final int SNAPSHOT_RESPONSE = 8;
  private static final int TIMEOUT_NOW = 9;
  private static final int FORWARD = 10;

  private RaftCodec() {}

  public static byte[] encode(RaftMessage message) {
    CanonicalWriter w = new CanonicalWriter();
    if (message instanceof VoteRequest m) {
      w.writeByte(VOTE_REQUEST).writeLong(m.term()).writeLong(m.lastLogIndex());
      w.writeLong(m.lastLogTerm()).writeBoolean(m.preVote()).writeBoolean(m.transfer());
    } else if (message instanceof VoteResponse m) {
      w.writeByte(VOTE_RESPONSE).writeLong(m.term());
      w.writeBoolean(m.granted()).writeBoolean(m.preVote());
    } else if (message instanceof AppendEntries m) {
      w.writeByte(APPEND).writeLong(m.term()).writeLong(m.prevLogIndex());
      w.writeLong(m.prevLogTerm()).writeLong(m.leaderCommit());
      w.writeList(m.entries(), (writer, e) -> writer.writeBytes(e.encoded()));
    } else if (message instanceof AppendResponse m) {
      w.writeByte(APPEND_RESPONSE).writeLong(m.term()).writeBoolean(m.success());
      w.writeLong(m.index()).writeLong(m.conflictTerm()).writeLong(m.conflictIndex());
    } else if (message instanceof Heartbeat m) {
      w.writeByte(HEARTBEAT).writeLong(m.term()).writeLong(m.commit());
    } else if (message instanceof HeartbeatResponse m) {
      w.writeByte(HEARTBEAT_RESPONSE).writeLong(m.term());
    } else if (message instanceof InstallSnapshot m) {
      w.writeByte(SNAPSHOT).writeLong(m.term()).writeLong(m.lastIncludedIndex());
      w.writeLong(m.lastIncludedTerm()).writeLong(m.totalBytes()).writeLong(m.offset());
      w.writeBytes(m.data());
    } else if (message instanceof InstallSnapshotResponse m) {
      w.writeByte(SNAPSHOT_RESPONSE).writeLong(m.term()).writeLong(m.lastIncludedIndex());
      w.writeLong(m.nextOffset()).writeBoolean(m.installed());
    } else if (message instanceof TimeoutNow m) {
      w.writeByte(TIMEOUT_NOW).writeLong(m.term());
    } else if (message instanceof ForwardTransactions m) {
      w.writeByte(FORWARD).writeLong(m.term());
      w.writeList(m.transactions(), (writer, tx) -> tx.write(writer));
    } else {
      throw new IllegalArgumentException("not a raft message: " + message);
    }
    return w.toByteArray();
  }

  /** Decodes exactly one message or throws {@link DecodingException}. */
  public static RaftMessage decode(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes);
    int tag = r.readByte();
    RaftMessage message =
        switch (tag) {
          case VOTE_REQUEST ->
              new VoteRequest(
                  term(r),
                  index(r, "lastLogIndex"),
                  index(r, "lastLogTerm"),
                  r.readBoolean(),
                  r.readBoolean());
          case VOTE_RESPONSE -> new VoteResponse(term(r), r.readBoolean(), r.readBoolean());
          case APPEND -> readAppend(r);
          case APPEND_RESPONSE ->
              new AppendResponse(
                  term(r),
                  r.readBoolean(),
                  index(r, "index"),
                  index(r, "conflictTerm"),
                  index(r, "conflictIndex"));
          case HEARTBEAT -> new Heartbeat(term(r), index(r, "commit"));
          case HEARTBEAT_RESPONSE -> new HeartbeatResponse(term(r));
          case SNAPSHOT -> readSnapshotChunk(r);
          case SNAPSHOT_RESPONSE ->
              new InstallSnapshotResponse(
                  term(r), index(r, "lastIncludedIndex"), index(r, "nextOffset"), r.readBoolean());
          case TIMEOUT_NOW -> new TimeoutNow(term(r));
          case FORWARD ->
              new ForwardTransactions(
                  term(r), r.readList(MAX_FORWARDED_TRANSACTIONS, Transaction::read));
          default -> throw new DecodingException("unknown raft message tag " + tag);
        };
    r.finish();
    return message;
  }

  private static AppendEntries readAppend(CanonicalReader r) {
    long term = term(r);
    long prevIndex = index(r, "prevLogIndex");
    long prevTerm = index(r, "prevLogTerm");
    long commit = index(r, "leaderCommit");
    List<byte[]> raw =
        r.readList(MAX_ENTRIES_PER_APPEND, in -> in.readBytes(LogEntry.MAX_ENCODED_BYTES));
    List<LogEntry> entries = new ArrayList<>(raw.size());
    for (int i = 0; i < raw.size(); i++) {
      entries.add(LogEntry.decode(prevIndex + 1 + i, raw.get(i)));
    }
    return new AppendEntries(term, prevIndex, prevTerm, commit, entries);
  }

  private static InstallSnapshot readSnapshotChunk(CanonicalReader r) {
    long term = term(r);
    long index = index(r, "lastIncludedIndex");
    long snapTerm = index(r, "lastIncludedTerm");
    long total = index(r, "totalBytes");
    long offset = index(r, "offset");
    byte[] data = r.readBytes(RaftConfig.MAX_CHUNK_BYTES);
    if (index == 0 || snapTerm == 0 || snapTerm > term) {
      throw new DecodingException("snapshot must cover an entry of a term up to the sender's");
    }
    if (total == 0 || total > Snapshot.MAX_ENCODED_BYTES || offset + data.length > total) {
      throw new DecodingException("snapshot chunk outside [0, " + total + ")");
    }
    return new InstallSnapshot(term, index, snapTerm, total, offset, data);
  }

  private static long term(CanonicalReader r) {
    long term = r.readLong();
    if (term <= 0) {
      throw new DecodingException("term must be positive, got " + term);
    }
    return term;
  }

  private static long index(CanonicalReader r, String what) {
    return r.readNonNegativeLong(what);
  }
}

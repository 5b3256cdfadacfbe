package io.consensio.api.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CanonicalEncodingTest {

  @Test
  void roundTripsEveryPrimitive() {
    byte[] bytes =
        new CanonicalWriter()
            .writeByte(0xAB)
            .writeBoolean(true)
            .writeInt(-7)
            .writeLong(Long.MIN_VALUE)
            .writeBytes(new byte[] {1, 2, 3})
            .writeString("héllo")
            .writeList(List.of(5L, 6L), CanonicalWriter::writeLong)
            .toByteArray();

    CanonicalReader r = new CanonicalReader(bytes);
    assertThat(r.readByte()).isEqualTo(0xAB);
    assertThat(r.readBoolean()).isTrue();
    assertThat(r.readInt()).isEqualTo(-7);
    assertThat(r.readLong()).isEqualTo(Long.MIN_VALUE);
    assertThat(r.readBytes(3)).containsExactly(1, 2, 3);
    assertThat(r.readString(16)).isEqualTo("héllo");
    assertThat(r.readList(2, CanonicalReader::readLong)).containsExactly(5L, 6L);
    r.finish();
  }

  @Test
  void anExactlySizedWritersArrayIsNeverChangedByLaterWrites() {
    CanonicalWriter w = new CanonicalWriter(16);
    w.writeLong(1).writeLong(2);
    byte[] first = w.toByteArray();
    w.writeLong(3);
    assertThat(first).hasSize(16);
    assertThat(new CanonicalReader(first).readLong()).isEqualTo(1);
    assertThat(w.toByteArray()).hasSize(24);
    assertThat(first).isEqualTo(new CanonicalWriter().writeLong(1).writeLong(2).toByteArray());
  }

  @Test
  void theConsumedSpanIsCopiedBehindAPrefix() {
    byte[] bytes = new CanonicalWriter().writeInt(7).writeLong(9).writeByte(5).toByteArray();
    CanonicalReader r = new CanonicalReader(bytes);
    r.readInt();
    int start = r.position();
    r.readLong();
    byte[] copy = r.copyConsumedSince(start, new byte[] {'p'});
    assertThat(copy).isEqualTo(new CanonicalWriter().writeByte('p').writeLong(9).toByteArray());
    assertThatThrownBy(() -> r.copyConsumedSince(r.position() + 1, new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void truncatedInputIsRejectedWithTheFieldThatRanOut() {
    byte[] bytes = new CanonicalWriter().writeLong(42).toByteArray();
    CanonicalReader r = new CanonicalReader(bytes, 0, 5);
    assertThatThrownBy(r::readLong)
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("truncated");
  }

  @Test
  void lengthAboveTheLimitIsRejectedBeforeAllocating() {
    byte[] forged = new CanonicalWriter().writeInt(Integer.MAX_VALUE).toByteArray();
    assertThatThrownBy(() -> new CanonicalReader(forged).readBytes(1024))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("exceeds limit 1024");
  }

  @Test
  void negativeLengthIsRejected() {
    byte[] forged = new CanonicalWriter().writeInt(-1).toByteArray();
    assertThatThrownBy(() -> new CanonicalReader(forged).readList(10, CanonicalReader::readLong))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("exceeds limit");
  }

  @Test
  void lengthWithinLimitButBeyondInputIsTruncation() {
    byte[] forged = new CanonicalWriter().writeInt(100).writeByte(1).toByteArray();
    assertThatThrownBy(() -> new CanonicalReader(forged).readBytes(1000))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("truncated");
  }

  @Test
  void trailingGarbageIsRejected() {
    byte[] bytes = new CanonicalWriter().writeInt(1).writeByte(9).toByteArray();
    CanonicalReader r = new CanonicalReader(bytes);
    r.readInt();
    assertThatThrownBy(r::finish)
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("trailing garbage: 1 bytes");
  }

  @Test
  void nonCanonicalBooleanIsRejected() {
    assertThatThrownBy(() -> new CanonicalReader(new byte[] {2}).readBoolean())
        .isInstanceOf(DecodingException.class);
  }

  @Test
  void invalidUtf8IsRejected() {
    byte[] bytes =
        new CanonicalWriter().writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28}).toByteArray();
    assertThatThrownBy(() -> new CanonicalReader(bytes).readString(10))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("UTF-8");
  }
}

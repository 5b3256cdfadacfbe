package io.consensio.runtime.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.runtime.net.MessageChannel;
import org.junit.jupiter.api.Test;

class OutboundQueueTest {

  @Test
  void beyondTheMessageBoundTheOldestAreDropped() {
    OutboundQueue queue = new OutboundQueue(1_000, 3);

    assertThat(queue.offer(MessageChannel.CONSENSUS, new byte[] {1})).isZero();
    assertThat(queue.offer(MessageChannel.CONSENSUS, new byte[] {2})).isZero();
    assertThat(queue.offer(MessageChannel.CONSENSUS, new byte[] {3})).isZero();
    assertThat(queue.offer(MessageChannel.TRANSACTIONS, new byte[] {4})).isEqualTo(1);

    assertThat(queue.size()).isEqualTo(3);
    assertThat(queue.poll().payload()).containsExactly(2);
    assertThat(queue.poll().payload()).containsExactly(3);
    OutboundQueue.Pending last = queue.poll();
    assertThat(last.payload()).containsExactly(4);
    assertThat(last.channel()).isEqualTo(MessageChannel.TRANSACTIONS);
    assertThat(queue.poll()).isNull();
  }

  @Test
  void beyondTheByteBoundAsManyOldMessagesAreDroppedAsNeeded() {
    OutboundQueue queue = new OutboundQueue(100, 1_000);
    queue.offer(MessageChannel.CONSENSUS, new byte[40]);
    queue.offer(MessageChannel.CONSENSUS, new byte[40]);

    assertThat(queue.offer(MessageChannel.CONSENSUS, new byte[90])).isEqualTo(2);
    assertThat(queue.bytes()).isEqualTo(90);
    assertThat(queue.size()).isEqualTo(1);
  }

  @Test
  void aMessageLargerThanTheByteBoundIsRefusedWithoutEvictingOthers() {
    OutboundQueue queue = new OutboundQueue(100, 1_000);
    queue.offer(MessageChannel.CONSENSUS, new byte[40]);

    assertThat(queue.offer(MessageChannel.CONSENSUS, new byte[101])).isEqualTo(1);
    assertThat(queue.size()).isEqualTo(1);
    assertThat(queue.bytes()).isEqualTo(40);
  }

  @Test
  void pollingReleasesTheBytes() {
    OutboundQueue queue = new OutboundQueue(100, 1_000);
    queue.offer(MessageChannel.CONSENSUS, new byte[60]);
    queue.poll();

    assertThat(queue.offer(MessageChannel.CONSENSUS, new byte[100])).isZero();
    assertThat(queue.bytes()).isEqualTo(100);
  }
}

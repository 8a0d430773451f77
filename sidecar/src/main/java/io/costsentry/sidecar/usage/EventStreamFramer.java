package io.costsentry.sidecar.usage;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Consumer;
import software.amazon.eventstream.Message;

/**
 * Cuts a byte stream into event-stream messages as bytes arrive in arbitrary pieces. Keeps only the
 * unfinished tail of the current frame (the library's own decoder preallocates 2 MB per stream, too
 * much for hundreds of concurrent streams in a sidecar).
 */
final class EventStreamFramer {
  private static final int PRELUDE_LENGTH = 12;
  private static final int MAX_MESSAGE_LENGTH = 24 * 1024 * 1024 + 128 * 1024 + 16;

  private final Consumer<Message> sink;
  private byte[] pending = new byte[0];
  private int pendingLength;

  EventStreamFramer(Consumer<Message> sink) {
    this.sink = sink;
  }

  /** Feeds the next piece of the stream. Throws IllegalStateException on a malformed frame. */
  void feed(byte[] bytes, int offset, int length) {
    append(bytes, offset, length);
    int start = 0;
    while (pendingLength - start >= PRELUDE_LENGTH) {
      int total = ByteBuffer.wrap(pending, start, 4).getInt();
      if (total < 16 || total > MAX_MESSAGE_LENGTH) {
        throw new IllegalStateException("malformed event-stream frame length " + total);
      }
      if (pendingLength - start < total) {
        break;
      }
      sink.accept(Message.decode(ByteBuffer.wrap(pending, start, total).slice()));
      start += total;
    }
    if (start > 0) {
      System.arraycopy(pending, start, pending, 0, pendingLength - start);
      pendingLength -= start;
    }
  }

  /** Whether every byte fed so far belongs to a complete frame. */
  boolean atBoundary() {
    return pendingLength == 0;
  }

  private void append(byte[] bytes, int offset, int length) {
    if (pendingLength + length > pending.length) {
      pending = Arrays.copyOf(pending, Math.max(pendingLength + length, pending.length * 2));
    }
    System.arraycopy(bytes, offset, pending, pendingLength, length);
    pendingLength += length;
  }
}

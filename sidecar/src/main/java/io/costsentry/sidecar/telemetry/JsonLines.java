package io.costsentry.sidecar.telemetry;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * Writes one JSON object per line to a stream: generated straight to UTF-8 bytes (no tree, no
 * intermediate string) and handed to the stream in one write, so concurrent lines never interleave.
 */
final class JsonLines {
  /**
   * Buffers are recycled through a shared pool: the default per-thread pool is useless when every
   * request runs on a new virtual thread.
   */
  static final JsonFactory FACTORY =
      JsonFactory.builder().recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool()).build();

  private static final byte[] LINE_END = System.lineSeparator().getBytes(StandardCharsets.UTF_8);

  /** The fields of one line, written between the object's braces. */
  interface Fields {
    void write(JsonGenerator g) throws IOException;
  }

  private final PrintStream out;

  JsonLines(PrintStream out) {
    this.out = out;
  }

  void write(Fields fields) {
    ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
    try (JsonGenerator g = FACTORY.createGenerator(line, JsonEncoding.UTF8)) {
      g.writeStartObject();
      fields.write(g);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    line.writeBytes(LINE_END);
    out.write(line.toByteArray(), 0, line.size());
  }

  /** Micro-USD as the decimal USD value metrics and audit lines show (6 decimals). */
  static BigDecimal usd(long micros) {
    return BigDecimal.valueOf(micros, 6);
  }
}

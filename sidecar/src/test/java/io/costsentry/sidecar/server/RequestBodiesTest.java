package io.costsentry.sidecar.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.costsentry.sidecar.proxy.BedrockErrorException;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.junit.jupiter.api.Test;

class RequestBodiesTest {

  /**
   * HTTP/2 clients may end a request with an empty DATA frame after the body: it must be read too,
   * or the stream is still open when the reply ends and Jetty resets it (and cuts off connections
   * that see many resets).
   */
  @Test
  void readsADeclaredLengthBodyToTheEndOfTheContent() throws Exception {
    FakeRequest request =
        new FakeRequest(
            11,
            Arrays.asList(
                chunk("hello ", false), chunk("world", false), NOT_YET, Content.Chunk.EOF));
    assertThat(RequestBodies.read(request.proxy(), 1000))
        .asString(StandardCharsets.UTF_8)
        .isEqualTo("hello world");
    assertThat(request.chunks).isEmpty();
    assertThat(request.failure).isNull();
  }

  @Test
  void readsABodyWithoutDeclaredLength() throws Exception {
    FakeRequest request = new FakeRequest(-1, List.of(chunk("abc", false), chunk("", true)));
    assertThat(RequestBodies.read(request.proxy(), 1000)).asString().isEqualTo("abc");
  }

  @Test
  void refusesBodiesLargerThanAllowed() {
    FakeRequest declared = new FakeRequest(11, List.of(chunk("hello world", true)));
    assertThatThrownBy(() -> RequestBodies.read(declared.proxy(), 10))
        .isInstanceOf(BedrockErrorException.class);
    FakeRequest undeclared = new FakeRequest(-1, List.of(chunk("hello world", true)));
    assertThatThrownBy(() -> RequestBodies.read(undeclared.proxy(), 10))
        .isInstanceOf(BedrockErrorException.class);
  }

  private static Content.Chunk chunk(String s, boolean last) {
    return Content.Chunk.from(ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8)), last);
  }

  /** Marks a point where the next chunk has not arrived yet: it does once demanded. */
  private static final Content.Chunk NOT_YET = Content.Chunk.from(ByteBuffer.allocate(0), false);

  /** A request whose content arrives as the given chunks. */
  private static final class FakeRequest {
    final Deque<Content.Chunk> chunks;
    Throwable failure;
    private final long length;

    FakeRequest(long length, List<Content.Chunk> chunks) {
      this.length = length;
      this.chunks = new ArrayDeque<>(chunks);
    }

    private Content.Chunk next() {
      if (chunks.isEmpty()) {
        return Content.Chunk.EOF;
      }
      return chunks.peek() == NOT_YET ? null : chunks.poll();
    }

    Request proxy() {
      return (Request)
          Proxy.newProxyInstance(
              Request.class.getClassLoader(),
              new Class<?>[] {Request.class},
              (self, method, args) ->
                  switch (method.getName()) {
                    case "getLength" -> length;
                    case "read" -> next();
                    case "demand" -> {
                      if (chunks.peek() == NOT_YET) {
                        chunks.poll();
                      }
                      ((Runnable) args[0]).run();
                      yield null;
                    }
                    case "fail" -> {
                      failure = (Throwable) args[0];
                      yield null;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                  });
    }
  }
}

package io.costsentry.simulator.bedrock.server;

import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The Jetty entry point: hands each request to its own virtual thread, where the pipeline may block
 * on reads, writes and simulated model time without holding a Jetty thread.
 */
public final class SimulatorHandler extends Handler.Abstract {
  private final RequestProcessor processor;
  private final ExecutorService executor;

  /**
   * @param executor runs one task per request; a virtual-thread-per-task executor
   */
  public SimulatorHandler(RequestProcessor processor, ExecutorService executor) {
    super(InvocationType.NON_BLOCKING);
    this.processor = processor;
    this.executor = executor;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    Exchange exchange = new Exchange(request, response, callback, UUID.randomUUID().toString());
    try {
      executor.execute(() -> processor.process(exchange));
    } catch (RejectedExecutionException e) {
      callback.failed(e);
    }
    return true;
  }
}

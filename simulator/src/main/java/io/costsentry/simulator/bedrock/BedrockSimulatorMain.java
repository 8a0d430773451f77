package io.costsentry.simulator.bedrock;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link BedrockSimulator} as a process until it is killed.
 *
 * <pre>
 * java -cp &lt;simulator jar + dependencies&gt; io.costsentry.simulator.bedrock.BedrockSimulatorMain \
 *     [--host 127.0.0.1] [--port 0] [--token-delay-ms 0] [--first-token-delay-ms 0] \
 *     [--no-verify-signatures]
 * </pre>
 *
 * Prints {@code BEDROCK_SIMULATOR_ENDPOINT=http://host:port} on stdout once it accepts connections,
 * so scripts can wait for that line and read the port from it.
 */
public final class BedrockSimulatorMain {
  private BedrockSimulatorMain() {}

  public static void main(String[] args) throws InterruptedException {
    SimulatorOptions options;
    try {
      options = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(
          "usage: BedrockSimulatorMain [--host H] [--port P] [--token-delay-ms N]"
              + " [--first-token-delay-ms N] [--no-verify-signatures]");
      System.exit(2);
      return;
    }
    BedrockSimulator simulator = BedrockSimulator.start(options);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  simulator.close();
                  stopped.countDown();
                }));
    System.out.println("BEDROCK_SIMULATOR_ENDPOINT=" + simulator.endpoint());
    System.out.flush();
    stopped.await();
  }

  static SimulatorOptions parse(String[] args) {
    SimulatorOptions.Builder builder = SimulatorOptions.builder();
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      switch (flag) {
        case "--host" -> builder.host(value(args, ++i, flag));
        case "--port" -> builder.port(number(args, ++i, flag));
        case "--token-delay-ms" -> builder.tokenDelay(Duration.ofMillis(number(args, ++i, flag)));
        case "--first-token-delay-ms" ->
            builder.firstTokenDelay(Duration.ofMillis(number(args, ++i, flag)));
        case "--no-verify-signatures" -> builder.verifySignatures(false);
        default -> throw new IllegalArgumentException("unknown flag: " + flag);
      }
    }
    return builder.build();
  }

  private static String value(String[] args, int index, String flag) {
    if (index >= args.length) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return args[index];
  }

  private static int number(String[] args, int index, String flag) {
    try {
      return Integer.parseInt(value(args, index, flag));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " needs a number");
    }
  }
}

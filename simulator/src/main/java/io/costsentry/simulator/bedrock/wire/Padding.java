package io.costsentry.simulator.bedrock.wire;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The {@code "p"} member real Bedrock adds to stream event payloads: a prefix of the alphabet of
 * random length, so that event sizes do not reveal token lengths. Clients must ignore it; sending
 * it proves they (and proxies in between) do.
 */
public final class Padding {
  private static final String ALPHABET =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

  private Padding() {}

  public static String next() {
    return ALPHABET.substring(0, ThreadLocalRandom.current().nextInt(1, ALPHABET.length() + 1));
  }
}

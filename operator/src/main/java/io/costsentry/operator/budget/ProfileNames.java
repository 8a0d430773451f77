package io.costsentry.operator.budget;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The name of a cost center's application inference profile for one alias: {@code
 * cs-<costCenter>-<alias>}, deterministic so a restarted operator adopts what it created.
 *
 * <p>Bedrock names match {@code ([0-9a-zA-Z][ _-]?)+} and have at most 64 characters. Characters
 * outside that alphabet become {@code -}, runs of separators collapse to one; when anything was
 * changed or cut, a hash of the exact (cost center, alias) pair is appended so two pairs never
 * share a name.
 */
public final class ProfileNames {
  public static final int MAX_LENGTH = 64;
  private static final String PREFIX = "cs-";
  private static final int HASH_CHARS = 8;

  private ProfileNames() {}

  public static String of(String costCenter, String alias) {
    String raw = PREFIX + costCenter + "-" + alias;
    String clean = sanitize(raw);
    if (clean.equals(raw) && clean.length() <= MAX_LENGTH) {
      return clean;
    }
    String hash = hash(costCenter + "\u0000" + alias);
    int room = MAX_LENGTH - HASH_CHARS - 1;
    String head = clean.length() > room ? clean.substring(0, room) : clean;
    return stripTrailingSeparators(head) + "-" + hash;
  }

  /** Whether {@code name} is a valid Bedrock inference profile name. */
  public static boolean isValid(String name) {
    return name != null
        && !name.isEmpty()
        && name.length() <= MAX_LENGTH
        && name.matches("([0-9a-zA-Z][ _-]?)+");
  }

  private static String sanitize(String raw) {
    StringBuilder out = new StringBuilder(raw.length());
    boolean lastSeparator = true; // no separator at the start
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      boolean alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      if (alnum) {
        out.append(c);
        lastSeparator = false;
      } else if (!lastSeparator) {
        out.append(c == '_' || c == ' ' ? c : '-');
        lastSeparator = true;
      }
    }
    return stripTrailingSeparators(out.toString());
  }

  private static String stripTrailingSeparators(String s) {
    int end = s.length();
    while (end > 0 && "-_ ".indexOf(s.charAt(end - 1)) >= 0) {
      end--;
    }
    return s.substring(0, end);
  }

  private static String hash(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, HASH_CHARS);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}

package dev.tempered.gateway.job;

import java.security.SecureRandom;

/** New job ids: {@code job-} and 12 random lower-case base-32 characters (60 bits). */
final class JobIds {

  private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
  private static final int LENGTH = 12;
  private static final SecureRandom RANDOM = new SecureRandom();

  private JobIds() {}

  static String next() {
    StringBuilder id = new StringBuilder("job-");
    for (int i = 0; i < LENGTH; i++) {
      id.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
    }
    return id.toString();
  }
}

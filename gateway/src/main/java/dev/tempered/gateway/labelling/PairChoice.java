package dev.tempered.gateway.labelling;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The two choices about a pair that must come out the same on every gateway and after a restart:
 * whether a scored group is offered at all, and whether its target is shown first. Both are
 * functions of the pair id (SHA-256), so no state and no random generator is involved.
 */
final class PairChoice {

  private PairChoice() {}

  /** Whether the group with this id is among the {@code fraction} offered. */
  static boolean offered(String pairId, double fraction) {
    return fraction >= 1 || unit(pairId, 0) < fraction;
  }

  /**
   * Whether the target T_k is shown as {@code b}: half of the pairs, independent of {@link
   * #offered} (other bytes of the hash), so the labeller cannot learn "the reward's pick comes
   * first".
   */
  static boolean targetSecond(String pairId) {
    return (digest(pairId)[8] & 1) == 1;
  }

  /** Seven bytes (56 bits) of the hash from {@code offset} as a number in [0, 1). */
  private static double unit(String pairId, int offset) {
    byte[] d = digest(pairId);
    long bits = 0;
    for (int i = offset; i < offset + 7; i++) {
      bits = (bits << 8) | (d[i] & 0xff);
    }
    return bits / (double) (1L << 56);
  }

  private static byte[] digest(String pairId) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(pairId.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}

package dev.tempered.noise.operator;

import java.util.HashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Neighbouring keys on a US QWERTY keyboard: keys that touch a key on its own row or on the rows
 * above and below (the keys a finger slips onto), letters only.
 */
final class Keyboard {

  private static final String[] ROWS = {"qwertyuiop", "asdfghjkl", "zxcvbnm"};
  // In quarter-key units (a key is 4 wide): the home row starts a quarter key right of the top
  // row, the bottom row three quarters.
  private static final int[] ROW_SHIFT = {0, 1, 3};
  private static final Map<Character, String> NEIGHBOURS = build();

  private Keyboard() {}

  /** The lowercase neighbours of {@code letter} (any case); empty for non-QWERTY characters. */
  static String neighbours(char letter) {
    return NEIGHBOURS.getOrDefault(Character.toLowerCase(letter), "");
  }

  /** A random neighbour of {@code letter} in the letter's own case. */
  static char neighbour(char letter, RandomGenerator random) {
    String keys = neighbours(letter);
    char key = keys.charAt(random.nextInt(keys.length()));
    return Character.isUpperCase(letter) ? Character.toUpperCase(key) : key;
  }

  static boolean hasNeighbours(char c) {
    return !neighbours(c).isEmpty();
  }

  // Two keys touch when they sit side by side on one row, or on neighbouring rows overlap
  // horizontally (their left edges less than one key width apart).
  private static Map<Character, String> build() {
    Map<Character, String> map = new HashMap<>();
    for (int r = 0; r < ROWS.length; r++) {
      for (int i = 0; i < ROWS[r].length(); i++) {
        StringBuilder near = new StringBuilder();
        int left = ROW_SHIFT[r] + 4 * i;
        for (int r2 = Math.max(0, r - 1); r2 <= Math.min(ROWS.length - 1, r + 1); r2++) {
          for (int j = 0; j < ROWS[r2].length(); j++) {
            int distance = Math.abs(ROW_SHIFT[r2] + 4 * j - left);
            boolean touches = r2 == r ? distance == 4 : distance < 4;
            if (touches) {
              near.append(ROWS[r2].charAt(j));
            }
          }
        }
        map.put(ROWS[r].charAt(i), near.toString());
      }
    }
    return Map.copyOf(map);
  }
}

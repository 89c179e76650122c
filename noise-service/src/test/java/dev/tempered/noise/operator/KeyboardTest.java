package dev.tempered.noise.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KeyboardTest {

  @Test
  void neighboursAreTheTouchingQwertyKeys() {
    // Read off a US QWERTY layout: the keys sharing an edge or a corner with the key.
    assertThat(Keyboard.neighbours('a')).isEqualTo("qwsz");
    assertThat(Keyboard.neighbours('s')).isEqualTo("weadzx");
    assertThat(Keyboard.neighbours('g')).isEqualTo("tyfhvb");
    assertThat(Keyboard.neighbours('p')).isEqualTo("ol");
    assertThat(Keyboard.neighbours('m')).isEqualTo("jkn");
    assertThat(Keyboard.neighbours('Q')).isEqualTo("wa");
    assertThat(Keyboard.neighbours('é')).isEmpty();
  }

  @Test
  void adjacencyIsSymmetric() {
    for (char c = 'a'; c <= 'z'; c++) {
      for (char n : Keyboard.neighbours(c).toCharArray()) {
        assertThat(Keyboard.neighbours(n)).as("%s next to %s", n, c).contains(String.valueOf(c));
      }
    }
  }

  @Test
  void aRandomNeighbourKeepsTheCase() {
    SplittableRandom random = new SplittableRandom(4);
    for (int i = 0; i < 100; i++) {
      assertThat("WSZQ").contains(String.valueOf(Keyboard.neighbour('A', random)));
      assertThat("jkn").contains(String.valueOf(Keyboard.neighbour('m', random)));
    }
  }
}

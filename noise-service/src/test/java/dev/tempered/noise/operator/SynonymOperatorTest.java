package dev.tempered.noise.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tempered.api.message.NoiseOp;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SynonymOperatorTest {

  @Test
  void wordNetGivesTheLemmasOfTheMostFrequentSense() {
    WordNetSynonyms wordNet = SharedWordNet.get();
    // WordNet 3.1, first senses: big (adj) "large, big"; car (noun) "car, auto, automobile,
    // machine, motorcar"; little (adj) "small, little".
    assertThat(wordNet.of("big")).containsExactly("large");
    assertThat(wordNet.of("car")).containsExactly("auto", "automobile", "machine", "motorcar");
    assertThat(wordNet.of("little")).containsExactly("small");
  }

  @Test
  void wordNetLeavesInflectedAndFunctionWordsAlone() {
    WordNetSynonyms wordNet = SharedWordNet.get();
    // "dogs" is the plural of dog and "said" the past of say (WordNet has the adjective "said").
    assertThat(wordNet.of("dogs")).isEmpty();
    assertThat(wordNet.of("said")).isEmpty();
    // Closed-class words that WordNet knows only as rare nouns: vitamin A, information technology.
    assertThat(wordNet.of("a")).isEmpty();
    assertThat(wordNet.of("it")).isEmpty();
    assertThat(wordNet.of("will")).isEmpty();
  }

  @Test
  void replacesEveryKnownWordAtFullStrengthKeepingTheCapital() {
    SynonymOperator op = new SynonymOperator(SharedWordNet.get());
    NoisyText out = op.apply("Big dogs saw a big car.", 1.0, new SplittableRandom(1));
    assertThat(out.ops()).extracting(NoiseOp::before).containsExactly("Big", "big", "car");
    assertThat(out.text()).startsWith("Large dogs saw a large ");
  }

  @Test
  void theShareOfReplacedWordsIsTheStrength() {
    Synonyms table = w -> w.equals("cat") ? List.of("feline", "puss") : List.of();
    SynonymOperator op = new SynonymOperator(table);
    int replaced = 0;
    for (int seed = 0; seed < 4000; seed++) {
      replaced += op.apply("cat and cat", 0.3, new SplittableRandom(seed)).ops().size();
    }
    // Binomial(8000, 0.3): three standard deviations are 0.015.
    assertThat(replaced / 8000.0).isBetween(0.285, 0.315);
  }

  @Test
  void leavesWordsWithInnerCapitalsAlone() {
    Synonyms table = w -> List.of("x");
    NoisyText out =
        new SynonymOperator(table).apply("NASA McDonald Cat", 1.0, new SplittableRandom(2));
    assertThat(out.text()).isEqualTo("NASA McDonald X");
  }
}

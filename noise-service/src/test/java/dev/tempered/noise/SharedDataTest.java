package dev.tempered.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tempered.api.config.SharedResources;
import dev.tempered.api.message.Split;
import dev.tempered.noise.dataset.DataRoot;
import dev.tempered.noise.dataset.DatasetReader;
import dev.tempered.noise.dataset.Example;
import dev.tempered.noise.dataset.SentenceSplitter;
import dev.tempered.noise.operator.MisspellingOperator;
import dev.tempered.noise.operator.Misspellings;
import dev.tempered.noise.operator.NoisyText;
import dev.tempered.noise.operator.PromptRandom;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The reader and the misspelling table on the real shared TinyStories and misspelling files. */
class SharedDataTest {

  @Test
  void realTinyStoriesAndMisspellingsGiveUsableNoisyPrompts() {
    Optional<Path> shared = SharedResources.find();
    assumeTrue(
        shared.isPresent(),
        "../shared not found: set -Dtempered.shared.dir or "
            + "$TEMPERED_SHARED_DIR to run the test on the real TinyStories and misspelling files");
    DataRoot root = new DataRoot(shared.get().resolve("data"));

    List<Example> examples = DatasetReader.read(root.resolve("tinystories/tinystories_val.txt"), 2);
    Misspellings misspellings = Misspellings.load(root.resolve(Misspellings.DEFAULT_PATH));

    // About 4,300 paragraphs, most with three or more sentences.
    assertThat(examples).hasSizeGreaterThan(2000);
    assertThat(examples)
        .allSatisfy(
            e -> {
              assertThat(SentenceSplitter.wordCount(e.reference())).isGreaterThanOrEqualTo(3);
              assertThat(e.reference()).matches(".*[.!?][\"'\u201d\u2019)]*");
            });
    assertThat(misspellings.size()).isGreaterThan(7000);

    MisspellingOperator operator = new MisspellingOperator(misspellings);
    int changed = 0;
    for (int n = 0; n < 200; n++) {
      String prompt = examples.get(n).prompt();
      NoisyText out = operator.apply(prompt, 0.5, PromptRandom.forPrompt(1, Split.TRAIN, n));
      assertThat(NoisyText.replay(prompt, out.ops())).isEqualTo(out.text());
      changed += out.ops().size();
    }
    assertThat(changed).isGreaterThan(200);
  }
}

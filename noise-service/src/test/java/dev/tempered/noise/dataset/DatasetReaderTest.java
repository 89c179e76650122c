package dev.tempered.noise.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetReaderTest {

  private static final String TEXT =
      """
      Tom had a red ball. He liked to play with it. One day the ball rolled far away.

      Sue saw a cat. "Hello, cat!" said Sue. The cat ran up the tall tree.
      It did not come down.

      Too short. Only two.

      Ben ran. He fell. Ouch me.

      The sun was hot?  Mia went to the sea! She swam with a big fish. The end
      """;

  @TempDir Path dir;

  @Test
  void readsPromptAndTheSentenceThatFollowsIt() throws Exception {
    Path file = dir.resolve("stories.txt");
    Files.writeString(file, TEXT);

    List<Example> examples = DatasetReader.read(file, 2);

    // Sue's paragraph splits after "Hello, cat!" (a closing quote then a space), so with two
    // prompt sentences its reference would be "said Sue." (2 words) and it is skipped.
    assertThat(examples)
        .containsExactly(
            new Example(
                "Tom had a red ball. He liked to play with it.",
                "One day the ball rolled far away."),
            new Example("The sun was hot? Mia went to the sea!", "She swam with a big fish."));
  }

  @Test
  void skipsParagraphsWithTooFewSentencesAndShortReferences() {
    // "Ben ran. He fell." is followed by "Ouch me." (2 words): too short to be a reference.
    // With one prompt sentence Sue's reference is "\"Hello, cat!\"" (2 words): skipped too.
    List<Example> one = DatasetReader.parse(TEXT, 1);

    assertThat(one)
        .extracting(Example::prompt)
        .containsExactly("Tom had a red ball.", "The sun was hot?");
    assertThat(one.get(1).reference()).isEqualTo("Mia went to the sea!");
    // A paragraph broken over two lines is still one paragraph; whitespace collapses.
    assertThat(DatasetReader.parse(TEXT, 3))
        .containsExactly(
            new Example(
                "Sue saw a cat. \"Hello, cat!\" said Sue.", "The cat ran up the tall tree."));
    assertThat(DatasetReader.parse(TEXT, 4))
        .containsExactly(
            new Example(
                "Sue saw a cat. \"Hello, cat!\" said Sue. The cat ran up the tall tree.",
                "It did not come down."));
    assertThat(DatasetReader.parse(TEXT, 5)).isEmpty();
  }

  @Test
  void splitsSentencesKeepingClosingQuotes() {
    assertThat(SentenceSplitter.split("He said, \"Run!\" Then he ran. Wait... what? 'Yes.' ok"))
        .containsExactly("He said, \"Run!\"", "Then he ran.", "Wait...", "what?", "'Yes.'");
    assertThat(SentenceSplitter.wordCount("  two  words ")).isEqualTo(2);
  }

  @Test
  void endOfTextMarkersSeparateStoriesLikeBlankLines() {
    String text =
        "Tom had a ball. He threw it far. The dog ran after it.\n<|endoftext|>\n"
            + "Amy saw a bird. It sang a song. Amy sang with the bird.";
    assertThat(DatasetReader.parse(text, 2))
        .containsExactly(
            new Example("Tom had a ball. He threw it far.", "The dog ran after it."),
            new Example("Amy saw a bird. It sang a song.", "Amy sang with the bird."));
  }

  @Test
  void rejectsAPromptLengthBelowOne() {
    assertThatThrownBy(() -> DatasetReader.parse(TEXT, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("promptSentences");
  }
}

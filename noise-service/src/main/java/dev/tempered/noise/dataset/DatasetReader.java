package dev.tempered.noise.dataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a TinyStories-style text file (paragraphs separated by blank lines) into examples: the
 * first {@code promptSentences} sentences of each paragraph are the prompt and the sentence after
 * them is the reference.
 */
public final class DatasetReader {

  /** References shorter than this many words carry too little signal for a similarity reward. */
  public static final int MIN_REFERENCE_WORDS = 3;

  /**
   * Paragraphs end at a blank line; the official TinyStories files also separate stories with an
   * {@code <|endoftext|>} line, which ends a paragraph too.
   */
  private static final Pattern BLANK_LINE = Pattern.compile("\\R\\s*\\R|\\s*<\\|endoftext\\|>\\s*");

  private DatasetReader() {}

  /** Every usable example of {@code file}, in file order. */
  public static List<Example> read(Path file, int promptSentences) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), promptSentences);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read dataset " + file + ": " + e.getMessage(), e);
    }
  }

  /** Every usable example of {@code text}, in order. */
  public static List<Example> parse(String text, int promptSentences) {
    if (promptSentences < 1) {
      throw new IllegalArgumentException("promptSentences must be >= 1, was " + promptSentences);
    }
    List<Example> examples = new ArrayList<>();
    for (String paragraph : BLANK_LINE.split(text)) {
      List<String> sentences = SentenceSplitter.split(paragraph);
      if (sentences.size() <= promptSentences) {
        continue;
      }
      String reference = sentences.get(promptSentences);
      if (SentenceSplitter.wordCount(reference) < MIN_REFERENCE_WORDS) {
        continue;
      }
      String prompt = String.join(" ", sentences.subList(0, promptSentences));
      examples.add(new Example(prompt, reference));
    }
    return examples;
  }
}

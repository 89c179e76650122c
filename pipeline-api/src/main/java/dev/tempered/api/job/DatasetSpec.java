package dev.tempered.api.job;

/**
 * Where prompts come from.
 *
 * @param path file under the configured data root, e.g. {@code tinystories/tinystories_val.txt}
 * @param promptSentences {@code text} only (required there, ignored otherwise, so a {@code jsonl}
 *     or {@code preferences} dataset may leave it out): how many opening sentences of a paragraph
 *     make the prompt; the sentence after them is the reference
 * @param heldOutPrompts prompts kept out of training and scored at step 0 and every checkpoint
 * @param format {@code text} (paragraphs, the default), {@code jsonl} (one JSON object a line; a
 *     {@code .gz} file is read decompressed) or {@code preferences} (preference pairs in the {@code
 *     chosen}/{@code rejected} or the chat {@code preferred_output}/{@code non_preferred_output}
 *     layout, for the offline {@code dpo} and {@code reward-model} jobs; {@code heldOutPrompts}
 *     pairs are held out)
 * @param promptField {@code jsonl} only: the field holding the prompt, dots for nested objects
 *     (null: {@code question}, as in GSM8K)
 * @param referenceField {@code jsonl} only: the field holding the reference (null: {@code answer};
 *     {@code chosen} for preference files)
 */
public record DatasetSpec(
    String path,
    Integer promptSentences,
    int heldOutPrompts,
    String format,
    String promptField,
    String referenceField) {

  public static final String TEXT = "text";
  public static final String JSONL = "jsonl";
  public static final String PREFERENCES = "preferences";
  public static final String DEFAULT_PROMPT_FIELD = "question";
  public static final String DEFAULT_REFERENCE_FIELD = "answer";

  /** A plain-text dataset. */
  public DatasetSpec(String path, int promptSentences, int heldOutPrompts) {
    this(path, promptSentences, heldOutPrompts, null, null, null);
  }

  public String formatOrDefault() {
    return format == null ? TEXT : format;
  }

  /** True for a preference file: an offline job's data. */
  public boolean preferences() {
    return PREFERENCES.equals(format);
  }

  public String promptFieldOrDefault() {
    return promptField == null ? DEFAULT_PROMPT_FIELD : promptField;
  }

  public String referenceFieldOrDefault() {
    return referenceField == null ? DEFAULT_REFERENCE_FIELD : referenceField;
  }
}

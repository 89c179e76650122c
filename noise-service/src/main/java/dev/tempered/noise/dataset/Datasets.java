package dev.tempered.noise.dataset;

import dev.tempered.api.job.DatasetSpec;
import java.util.List;

/** Reads the examples a job's dataset spec names, in the spec's format. */
public final class Datasets {

  private Datasets() {}

  /**
   * The examples of {@code spec}'s file under {@code root}, in file order.
   *
   * @throws IllegalArgumentException when the path leaves the root, the format is unknown or the
   *     file does not have the fields the spec names
   */
  public static List<Example> read(DataRoot root, DatasetSpec spec) {
    var file = root.resolve(spec.path());
    return switch (spec.formatOrDefault()) {
      case DatasetSpec.TEXT -> DatasetReader.read(file, spec.promptSentences());
      case DatasetSpec.JSONL ->
          JsonlReader.read(file, spec.promptFieldOrDefault(), spec.referenceFieldOrDefault());
      default ->
          throw new IllegalArgumentException(
              "dataset.format must be text or jsonl, was '" + spec.format() + "'");
    };
  }
}

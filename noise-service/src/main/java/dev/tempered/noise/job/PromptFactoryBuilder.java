package dev.tempered.noise.job;

import dev.tempered.api.job.FieldError;
import dev.tempered.api.job.JobRecord;
import dev.tempered.api.job.JobSpec;
import dev.tempered.api.job.JobSpecValidator;
import dev.tempered.noise.curriculum.Curriculum;
import dev.tempered.noise.dataset.DataRoot;
import dev.tempered.noise.dataset.Datasets;
import dev.tempered.noise.dataset.PromptSet;
import dev.tempered.noise.operator.NoiseMixture;
import dev.tempered.noise.operator.OperatorCatalog;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns a job record into its prompt factory: validates the spec, reads and splits the dataset,
 * builds the mixture.
 */
public final class PromptFactoryBuilder {

  private final DataRoot dataRoot;
  private final OperatorCatalog operators;

  public PromptFactoryBuilder(DataRoot dataRoot, OperatorCatalog operators) {
    this.dataRoot = dataRoot;
    this.operators = operators;
  }

  /**
   * The factory for {@code record}'s job.
   *
   * @throws IllegalArgumentException naming the problem when the spec is invalid, the dataset path
   *     leaves the data root, or the dataset has too few examples
   */
  public PromptFactory build(JobRecord record) {
    JobSpec spec = record.spec();
    List<FieldError> errors = JobSpecValidator.validate(spec);
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException(
          "invalid job spec: "
              + errors.stream()
                  .map(e -> e.field() + " " + e.message())
                  .collect(Collectors.joining("; ")));
    }
    var examples = Datasets.read(dataRoot, spec.dataset());
    PromptSet prompts = PromptSet.split(examples, spec.seed(), spec.dataset().heldOutPrompts());
    NoiseMixture mixture =
        NoiseMixture.of(
            spec.noise().operators(), op -> operators.create(op, spec.model(), record.jobId()));
    Curriculum curriculum = Curriculum.of(spec.noise().curriculum());
    return new PromptFactory(record.jobId(), spec, prompts, mixture, curriculum);
  }
}

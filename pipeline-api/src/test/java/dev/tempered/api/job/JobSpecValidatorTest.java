package dev.tempered.api.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every bad field of a job spec is named by its path; a good spec has no errors. */
class JobSpecValidatorTest {

  private static JobSpec spec(
      DatasetSpec dataset, NoiseSpec noise, RewardSpec reward, TrainingSpec training) {
    return new JobSpec(
        "demo",
        "stories260K",
        "grpo",
        7,
        dataset,
        noise,
        new SamplingSpec(8, 1.0, 24),
        reward,
        training);
  }

  private static final DatasetSpec DATASET =
      new DatasetSpec("tinystories/tinystories_val.txt", 2, 200);
  private static final NoiseSpec NOISE =
      new NoiseSpec(
          List.of(new NoiseOperatorSpec("misspelling", 1.0, "misspelling")),
          new CurriculumSpec("linear", 0.1, 0.4));
  private static final RewardSpec REWARD = new RewardSpec(Map.of("chrf", 1.0));
  private static final TrainingSpec TRAINING =
      new TrainingSpec(40, 8, 1e-3, 0.0, 0.04, 0.2, 0.2, 1.0, 2, 2);

  @Test
  void theDemoSpecIsValid() {
    assertThat(JobSpecValidator.validate(spec(DATASET, NOISE, REWARD, TRAINING))).isEmpty();
  }

  @Test
  void namesEveryBadFieldByItsPath() {
    JobSpec bad =
        spec(
            new DatasetSpec("../etc/passwd", 0, 200),
            new NoiseSpec(
                List.of(new NoiseOperatorSpec("shout", 0, "g")),
                new CurriculumSpec("linear", 0.1, 1.5)),
            new RewardSpec(Map.of("bleurt", 1.0)),
            new TrainingSpec(0, 8, 2.0, 0.0, 0.04, 0.2, 0.2, 1.0, 2, 2));
    assertThat(JobSpecValidator.validate(bad))
        .extracting(FieldError::field)
        .containsExactlyInAnyOrder(
            "dataset.path",
            "dataset.promptSentences",
            "noise.operators[0].kind",
            "noise.operators[0].weight",
            "noise.curriculum.endStrength",
            "reward.weights.bleurt",
            "training.steps",
            "training.learningRate");
  }

  @Test
  void rewardComponentsTargetSimilarityAndRegexAreChecked() {
    RewardSpec every =
        new RewardSpec(
            Map.of(
                "chrf", 1.0,
                "chrf++", 1.0,
                "rouge-l", 1.0,
                "bleu", 1.0,
                "exact-match", 1.0,
                "numeric-answer", 1.0,
                "answer-format", 1.0,
                "regex", 1.0,
                "sentence-end", 1.0),
            "chrf++",
            "#### -?[0-9]+");
    assertThat(JobSpecValidator.validate(spec(DATASET, NOISE, every, TRAINING))).isEmpty();

    RewardSpec bad = new RewardSpec(Map.of("regex", 1.0), "sentence-end", null);
    assertThat(JobSpecValidator.validate(spec(DATASET, NOISE, bad, TRAINING)))
        .extracting(FieldError::field)
        .containsExactlyInAnyOrder("reward.targetSimilarity", "reward.regex");

    RewardSpec broken = new RewardSpec(Map.of("chrf", 1.0), null, "(unclosed");
    assertThat(JobSpecValidator.validate(spec(DATASET, NOISE, broken, TRAINING)))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.field()).isEqualTo("reward.regex");
              assertThat(e.message()).startsWith("does not compile");
            });
  }

  @Test
  void labellingIsOptionalAndItsBoundsNamed() {
    Map<String, Double> chrf = Map.of("chrf", 1.0);
    RewardSpec defaults = new RewardSpec(chrf, null, null, null, new LabellingSpec(null, null));
    assertThat(JobSpecValidator.validate(spec(DATASET, NOISE, defaults, TRAINING))).isEmpty();
    assertThat(defaults.labelling().fractionOrDefault()).isEqualTo(1.0);
    assertThat(defaults.labelling().maxPendingOrDefault()).isEqualTo(100);
    RewardSpec good = new RewardSpec(chrf, null, null, null, new LabellingSpec(0.25, 10));
    assertThat(JobSpecValidator.validate(spec(DATASET, NOISE, good, TRAINING))).isEmpty();

    RewardSpec bad = new RewardSpec(chrf, null, null, null, new LabellingSpec(0.0, 0));
    assertThat(JobSpecValidator.validate(spec(DATASET, NOISE, bad, TRAINING)))
        .extracting(FieldError::field)
        .containsExactlyInAnyOrder("reward.labelling.fraction", "reward.labelling.maxPending");
    RewardSpec over = new RewardSpec(chrf, null, null, null, new LabellingSpec(1.5, 100_001));
    assertThat(JobSpecValidator.validate(spec(DATASET, NOISE, over, TRAINING)))
        .extracting(FieldError::message)
        .containsExactlyInAnyOrder("must be in (0, 1]", "must be between 1 and 100000");
  }

  @Test
  void missingSectionsAreRequired() {
    assertThat(JobSpecValidator.validate(spec(null, null, null, null)))
        .extracting(FieldError::field)
        .containsExactly("dataset", "noise", "reward", "training");
    assertThat(JobSpecValidator.validate(null)).extracting(FieldError::field).containsExactly("");
  }

  @Test
  void optionalGrpoFieldsAreCheckedOnlyWhenPresent() {
    TrainingSpec all =
        new TrainingSpec(
            40,
            8,
            1e-3,
            0.0,
            0.04,
            0.2,
            0.28,
            1.0,
            2,
            2,
            "batch",
            "dr-grpo",
            2,
            "sequence",
            2.0,
            true,
            true,
            new GroupRobustSpec(0.01));
    assertThat(JobSpecValidator.validate(spec(DATASET, NOISE, REWARD, all))).isEmpty();
    TrainingSpec bad =
        new TrainingSpec(
            40,
            8,
            1e-3,
            0.0,
            0.04,
            0.2,
            0.28,
            1.0,
            2,
            2,
            "std",
            "mean",
            0,
            "word",
            0.5,
            null,
            null,
            new GroupRobustSpec(0));
    assertThat(JobSpecValidator.validate(spec(DATASET, NOISE, REWARD, bad)))
        .extracting(FieldError::field)
        .containsExactlyInAnyOrder(
            "training.scaleRewards",
            "training.lossAggregation",
            "training.iterationsPerBatch",
            "training.importanceLevel",
            "training.truncatedIsCap",
            "training.groupRobust.eta");
  }

  @Test
  void acceptsTheOptionalNoiseAndDatasetSettings() {
    NoiseSpec noise =
        new NoiseSpec(
            List.of(
                new NoiseOperatorSpec("word-shuffle", 1.0, "shuffle", 2),
                new NoiseOperatorSpec("synonym", 1.0, "wordnet"),
                new NoiseOperatorSpec("token-mask", 1.0, "mask", null)),
            new CurriculumSpec("step", 0.1, 0.4, 5, null, null),
            3);
    DatasetSpec gsm8k = new DatasetSpec("gsm8k/test.jsonl", 0, 50, "jsonl", "question", "answer");
    assertThat(JobSpecValidator.validate(spec(gsm8k, noise, REWARD, TRAINING))).isEmpty();
    NoiseSpec adaptive =
        new NoiseSpec(NOISE.operators(), new CurriculumSpec("adaptive", 0.1, 0.6, null, 0.05, 0.2));
    assertThat(JobSpecValidator.validate(spec(DATASET, adaptive, REWARD, TRAINING))).isEmpty();
  }

  @Test
  void namesBadOptionalSettingsByTheirPath() {
    NoiseSpec noise =
        new NoiseSpec(
            List.of(
                new NoiseOperatorSpec("word-shuffle", 1.0, "shuffle", 0),
                new NoiseOperatorSpec("misspelling", 1.0, "typos", 2)),
            new CurriculumSpec("adaptive", 0.5, 0.2, 1, 1.5, 0.0),
            3);
    DatasetSpec dataset = new DatasetSpec("gsm8k/test.jsonl", 0, 50, "csv", "a b", "answer");
    assertThat(JobSpecValidator.validate(spec(dataset, noise, REWARD, TRAINING)))
        .extracting(FieldError::field)
        .containsExactlyInAnyOrder(
            "dataset.format",
            "dataset.promptField",
            "noise.operators[0].window",
            "noise.operators[1].window",
            "noise.curriculum.stages",
            "noise.curriculum.tolerance",
            "noise.curriculum.increment",
            "noise.curriculum.endStrength",
            "noise.operatorsPerPrompt");
  }

  @Test
  void checksTheEvaluationStrengths() {
    NoiseSpec good = new NoiseSpec(NOISE.operators(), NOISE.curriculum(), null, List.of(0.0, 1.0));
    assertThat(JobSpecValidator.validate(spec(DATASET, good, REWARD, TRAINING))).isEmpty();

    NoiseSpec outOfRange =
        new NoiseSpec(
            NOISE.operators(), NOISE.curriculum(), null, java.util.Arrays.asList(0.1, 1.5, null));
    assertThat(JobSpecValidator.validate(spec(DATASET, outOfRange, REWARD, TRAINING)))
        .extracting(FieldError::field)
        .containsExactly("noise.evaluationStrengths[1]", "noise.evaluationStrengths[2]");

    NoiseSpec empty = new NoiseSpec(NOISE.operators(), NOISE.curriculum(), null, List.of());
    assertThat(JobSpecValidator.validate(spec(DATASET, empty, REWARD, TRAINING)))
        .extracting(FieldError::field)
        .containsExactly("noise.evaluationStrengths");
  }

  @Test
  void sweepStrengthsLeaveOutTheCurriculumsAndRepeats() {
    // The curriculum's held-out strength is its end strength, 0.4: evaluated anyway.
    NoiseSpec noise =
        new NoiseSpec(NOISE.operators(), NOISE.curriculum(), null, List.of(0.5, 0.4, 0.1, 0.5));
    assertThat(noise.sweepStrengths()).containsExactly(0.5, 0.1);
    assertThat(NOISE.sweepStrengths()).isEmpty();
  }

  @Test
  void checksTheAdversarialTrainingSettingsByTheirPath() {
    assertThat(
            JobSpecValidator.validate(withAdversarial(new AdversarialSpec(0.01, 3, 0.005, "l2"))))
        .isEmpty();
    AdversarialSpec fgsm = new AdversarialSpec(0.02, null, null, null);
    assertThat(JobSpecValidator.validate(withAdversarial(fgsm))).isEmpty();
    assertThat(fgsm.stepsOrDefault()).isEqualTo(1);
    assertThat(fgsm.stepSizeOrDefault()).isEqualTo(0.02);
    assertThat(fgsm.normOrDefault()).isEqualTo("linf");

    assertThat(JobSpecValidator.validate(withAdversarial(new AdversarialSpec(0.0, 0, -1.0, "l1"))))
        .extracting(FieldError::field)
        .containsExactlyInAnyOrder(
            "training.adversarial.epsilon",
            "training.adversarial.steps",
            "training.adversarial.stepSize",
            "training.adversarial.norm");
    assertThat(JobSpecValidator.validate(withAdversarial(new AdversarialSpec(null, 2, 0.1, null))))
        .extracting(FieldError::field)
        .containsExactly("training.adversarial.epsilon");
  }

  private static JobSpec withAdversarial(AdversarialSpec adversarial) {
    TrainingSpec t = TRAINING;
    return spec(
        DATASET,
        NOISE,
        REWARD,
        new TrainingSpec(
            t.steps(),
            t.promptsPerStep(),
            t.learningRate(),
            t.weightDecay(),
            t.beta(),
            t.epsilonLow(),
            t.epsilonHigh(),
            t.maxGradNorm(),
            t.checkpointEvery(),
            t.maxStaleness(),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            adversarial,
            null,
            null,
            null));
  }
}

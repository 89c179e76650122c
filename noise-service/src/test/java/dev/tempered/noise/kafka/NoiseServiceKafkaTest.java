package dev.tempered.noise.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tempered.api.job.CurriculumSpec;
import dev.tempered.api.job.DatasetSpec;
import dev.tempered.api.job.JobRecord;
import dev.tempered.api.job.JobSpec;
import dev.tempered.api.job.JobState;
import dev.tempered.api.job.NoiseOperatorSpec;
import dev.tempered.api.job.NoiseSpec;
import dev.tempered.api.job.RewardSpec;
import dev.tempered.api.job.SamplingSpec;
import dev.tempered.api.job.TrainingSpec;
import dev.tempered.api.message.Envelope;
import dev.tempered.api.message.EvaluationResult;
import dev.tempered.api.message.NoisyInput;
import dev.tempered.api.message.Rollout;
import dev.tempered.api.message.Split;
import dev.tempered.api.topic.Topics;
import dev.tempered.noise.job.JobRegistry;
import dev.tempered.noise.operator.NoisyText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole service on the embedded broker, with a small dataset and misspelling table written to a
 * temporary data root so the test never depends on {@code ../shared}.
 */
@SpringBootTest(
    properties = {
      "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
      "tempered.noise.publish-interval=100ms"
    })
@DirtiesContext
class NoiseServiceKafkaTest {

  private static final Duration QUIET = Duration.ofMillis(1200);

  @TempDir static Path dataDir;

  @Autowired KafkaTemplate<String, Object> template;
  @Autowired JobRegistry registry;

  private Consumer<String, NoisyInput> consumer;
  private final List<NoisyInput> received = new ArrayList<>();
  private final String jobId = "job-" + UUID.randomUUID().toString().substring(0, 8);

  @DynamicPropertySource
  static void dataRoot(DynamicPropertyRegistry registry) throws IOException {
    Path stories = Files.createDirectories(dataDir.resolve("stories"));
    // 12 paragraphs of 3 sentences: 2 make the prompt, the third is the reference.
    String text =
        IntStream.range(0, 12)
            .mapToObj(
                i ->
                    "The hero of story "
                        + i
                        + " had a friend. They were happy together. "
                        + "Then the friends of story "
                        + i
                        + " sang a song.")
            .collect(Collectors.joining("\n\n"));
    Files.writeString(stories.resolve("small.txt"), text);
    Path misspellings = Files.createDirectories(dataDir.resolve("misspellings"));
    Files.writeString(
        misspellings.resolve("spell_errors.json"),
        "{\"hero\": [\"heor\"], \"friend\": [\"freind\", \"frend\"], \"happy\": [\"hapy\"]}");
    registry.add("tempered.noise.data-dir", dataDir::toString);
  }

  @BeforeEach
  void subscribe() {
    var json = new JacksonJsonDeserializer<>(NoisyInput.class, false);
    var factory =
        new DefaultKafkaConsumerFactory<>(
            Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                System.getProperty("spring.embedded.kafka.brokers"),
                ConsumerConfig.GROUP_ID_CONFIG,
                "test-" + jobId,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            new StringDeserializer(),
            json);
    consumer = factory.createConsumer();
    consumer.subscribe(List.of(Topics.NOISY_INPUTS));
  }

  @AfterEach
  void close() {
    consumer.close();
  }

  @Test
  void publishesEvalFirstThenTrainWithinTheTrainersCredit() {
    send(Topics.JOBS, job(JobState.RUNNING));

    // 3 held out, then 2 steps of 2 prompts ahead of a trainer that consumed nothing yet.
    awaitExactly(7);
    List<NoisyInput> eval = of(Split.EVAL);
    List<NoisyInput> train = of(Split.TRAIN);
    assertThat(eval)
        .extracting(NoisyInput::promptId)
        .containsExactly(jobId + "-eval-0", jobId + "-eval-1", jobId + "-eval-2");
    assertThat(train)
        .extracting(NoisyInput::promptId)
        .containsExactly(
            jobId + "-train-0", jobId + "-train-1", jobId + "-train-2", jobId + "-train-3");
    assertThat(latest(eval)).isBefore(earliest(train));

    // EVAL uses the final strength 0.6; TRAIN at step 0 of a linear 0 -> 0.6 curriculum is clean.
    assertThat(eval)
        .allSatisfy(
            in -> {
              assertThat(in.curriculumLevel()).isEqualTo(0.6);
              assertThat(in.group()).isIn("typos", "dropped");
              assertThat(NoisyText.replay(in.cleanText(), in.ops())).isEqualTo(in.noisyText());
              assertThat(in.reference()).startsWith("Then the friends of story");
            });
    assertThat(eval).anySatisfy(in -> assertThat(in.noisyText()).isNotEqualTo(in.cleanText()));
    assertThat(train)
        .allSatisfy(
            in -> {
              assertThat(in.curriculumLevel()).isEqualTo(0.0);
              assertThat(in.noisyText()).isEqualTo(in.cleanText());
              assertThat(in.ops()).isEmpty();
            });
    assertThat(train)
        .extracting(NoisyInput::cleanText)
        .doesNotContainAnyElementsOf(eval.stream().map(NoisyInput::cleanText).toList());

    // One step done (2 groups consumed): the window reaches the 3 * 2 = 6 the job needs.
    send(Topics.ROLLOUTS, rollout(1, 2));
    awaitExactly(9);
    assertThat(of(Split.TRAIN).subList(4, 6))
        .allSatisfy(
            in ->
                assertThat(in.curriculumLevel())
                    .isCloseTo(0.2, org.assertj.core.api.Assertions.within(1e-9)));

    // Paused: even with a dropped group to replace, nothing more is published.
    send(Topics.JOBS, job(JobState.PAUSED));
    send(Topics.ROLLOUTS, rollout(2, 5));
    awaitExactly(9);

    // Resumed: the one dropped group (5 - 2 * 2) is replaced at the step-2 level 0.4.
    send(Topics.JOBS, job(JobState.RUNNING));
    awaitExactly(10);
    NoisyInput replacement = of(Split.TRAIN).get(6);
    assertThat(replacement.promptId()).isEqualTo(jobId + "-train-6");
    assertThat(replacement.curriculumLevel())
        .isCloseTo(0.4, org.assertj.core.api.Assertions.within(1e-9));
  }

  @Test
  void adaptiveStrengthRisesOnceACheckpointsNoisyScoreIsCloseToTheClean() {
    CurriculumSpec adaptive = new CurriculumSpec("adaptive", 0.0, 0.6, null, 0.1, 0.25);
    send(Topics.JOBS, job(JobState.RUNNING, adaptive));
    awaitExactly(7);
    assertThat(of(Split.TRAIN)).allSatisfy(in -> assertThat(in.curriculumLevel()).isEqualTo(0.0));

    // Version 0: mean clean 0.5, mean noisy 0.46 (gap 0.08 <= 0.1), with one prompt delivered
    // twice, which must count once; version 1 is incomplete (2 of 3 prompts) and must not count.
    double[] noisy = {0.40, 0.48, 0.50};
    for (int i = 0; i < 3; i++) {
      send(Topics.EVALUATIONS, evaluation(0, i, 0.5, noisy[i]));
    }
    send(Topics.EVALUATIONS, evaluation(0, 0, 0.5, 0.0));
    send(Topics.EVALUATIONS, evaluation(1, 0, 0.5, 0.5));
    send(Topics.EVALUATIONS, evaluation(1, 1, 0.5, 0.5));
    // Let the listener take them in before the trainer's credit lets two more prompts out.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> registry.evaluations(jobId).complete(3).size() == 1);
    send(Topics.ROLLOUTS, rollout(1, 2));
    awaitExactly(9);
    assertThat(of(Split.TRAIN).subList(4, 6))
        .allSatisfy(in -> assertThat(in.curriculumLevel()).isEqualTo(0.25));
    assertThat(of(Split.EVAL)).allSatisfy(in -> assertThat(in.curriculumLevel()).isEqualTo(0.6));
  }

  @Test
  void evaluationStrengthsAddHeldOutCopiesThatTheAdaptiveCurriculumLeavesOut() {
    CurriculumSpec adaptive = new CurriculumSpec("adaptive", 0.0, 0.6, null, 0.1, 0.25);
    // 0.6 is the curriculum's own held-out strength: only 0.0 and 1.0 add copies.
    send(Topics.JOBS, job(JobState.RUNNING, adaptive, List.of(0.0, 0.6, 1.0)));

    // 3 held out at 0.6, then 3 at 0.0 and 3 at 1.0, then 4 TRAIN prompts.
    awaitExactly(13);
    // Partitions do not keep the publishing order: put the records in the order they were built.
    Map<String, NoisyInput> byId =
        received.stream()
            .filter(in -> in.split() == Split.EVAL)
            .collect(Collectors.toMap(NoisyInput::promptId, in -> in));
    List<String> ids = new ArrayList<>();
    for (String suffix : List.of("", "-at-0.0", "-at-1.0")) {
      for (int i = 0; i < 3; i++) {
        ids.add(jobId + "-eval-" + i + suffix);
      }
    }
    assertThat(byId.keySet()).containsExactlyInAnyOrderElementsOf(ids);
    List<NoisyInput> eval = ids.stream().map(byId::get).toList();
    assertThat(eval)
        .extracting(NoisyInput::curriculumLevel)
        .containsExactly(0.6, 0.6, 0.6, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0);
    assertThat(eval.subList(0, 3)).allSatisfy(in -> assertThat(in.strengthSweep()).isNull());
    assertThat(eval.subList(3, 9)).allSatisfy(in -> assertThat(in.strengthSweep()).isTrue());
    for (int i = 0; i < 3; i++) {
      NoisyInput curriculum = eval.get(i);
      NoisyInput clean = eval.get(3 + i);
      NoisyInput hardest = eval.get(6 + i);
      // The same held-out prompt, its same operators (one seed); strength 0 leaves it unchanged.
      assertThat(List.of(clean, hardest))
          .allSatisfy(
              in -> {
                assertThat(in.sequence()).isEqualTo(curriculum.sequence());
                assertThat(in.cleanText()).isEqualTo(curriculum.cleanText());
                assertThat(in.group()).isEqualTo(curriculum.group());
                assertThat(NoisyText.replay(in.cleanText(), in.ops())).isEqualTo(in.noisyText());
              });
      assertThat(clean.noisyText()).isEqualTo(clean.cleanText());
      assertThat(clean.ops()).isEmpty();
    }
    assertThat(eval.subList(6, 9))
        .anySatisfy(in -> assertThat(in.noisyText()).isNotEqualTo(in.cleanText()));

    // Version 0 at the curriculum's strength: gap 0.08 <= 0.1, so strength rises by 0.25. Its sweep
    // copies score far lower (gap 1), and version 1 has only sweep copies plus 2 curriculum rows:
    // counted, they would block the first rise or complete version 1 for a second.
    double[] noisy = {0.40, 0.48, 0.50};
    for (int i = 0; i < 3; i++) {
      send(Topics.EVALUATIONS, evaluation(0, i, 0.5, noisy[i]));
      send(Topics.EVALUATIONS, sweepEvaluation(0, i, 1.0, 0.5, 0.0));
      send(Topics.EVALUATIONS, sweepEvaluation(1, i, 1.0, 0.5, 0.5));
    }
    send(Topics.EVALUATIONS, evaluation(1, 0, 0.5, 0.5));
    send(Topics.EVALUATIONS, evaluation(1, 1, 0.5, 0.5));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> registry.evaluations(jobId).complete(3).size() == 1);
    send(Topics.ROLLOUTS, rollout(1, 2));
    awaitExactly(15);
    assertThat(of(Split.TRAIN).subList(4, 6))
        .allSatisfy(in -> assertThat(in.curriculumLevel()).isEqualTo(0.25));
    assertThat(registry.evaluations(jobId).complete(3))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.policyVersion()).isZero();
              assertThat(e.noisyMean())
                  .isCloseTo(
                      (0.40 + 0.48 + 0.50) / 3, org.assertj.core.api.Assertions.within(1e-12));
            });
  }

  private EvaluationResult sweepEvaluation(
      long version, int prompt, double strength, double clean, double noisy) {
    return new EvaluationResult(
        Envelope.create(),
        jobId,
        jobId + "-eval-" + prompt + "-at-" + strength,
        "typos",
        version,
        clean,
        noisy,
        "",
        "",
        null,
        List.of("misspelling"),
        strength,
        true);
  }

  private EvaluationResult evaluation(long version, int prompt, double clean, double noisy) {
    return new EvaluationResult(
        Envelope.create(),
        jobId,
        jobId + "-eval-" + prompt,
        "typos",
        version,
        clean,
        noisy,
        "",
        "");
  }

  /** Waits until exactly {@code count} prompts arrived and no more come for a while. */
  private void awaitExactly(int count) {
    await().pollInSameThread().atMost(Duration.ofSeconds(30)).until(() -> drain() >= count);
    await()
        .pollInSameThread()
        .during(QUIET)
        .atMost(QUIET.plusSeconds(5))
        .until(() -> drain() == count);
  }

  private int drain() {
    consumer
        .poll(Duration.ofMillis(100))
        .forEach(
            r -> {
              if (r.value() != null && jobId.equals(r.value().jobId())) {
                received.add(r.value());
              }
            });
    return received.size();
  }

  private List<NoisyInput> of(Split split) {
    return received.stream()
        .filter(in -> in.split() == split)
        .sorted(Comparator.comparingLong(NoisyInput::sequence))
        .toList();
  }

  private static Instant latest(List<NoisyInput> inputs) {
    return inputs.stream()
        .map(in -> in.envelope().createdAt())
        .max(Comparator.naturalOrder())
        .orElseThrow();
  }

  private static Instant earliest(List<NoisyInput> inputs) {
    return inputs.stream()
        .map(in -> in.envelope().createdAt())
        .min(Comparator.naturalOrder())
        .orElseThrow();
  }

  private void send(String topic, Object value) {
    template.send(topic, jobId, value).join();
  }

  private JobRecord job(JobState state) {
    return job(state, new CurriculumSpec("linear", 0.0, 0.6));
  }

  private JobRecord job(JobState state, CurriculumSpec curriculum) {
    return job(state, curriculum, null);
  }

  private JobRecord job(
      JobState state, CurriculumSpec curriculum, List<Double> evaluationStrengths) {
    JobSpec spec =
        new JobSpec(
            "noise test",
            "stories260K",
            "grpo",
            7,
            new DatasetSpec("stories/small.txt", 2, 3),
            new NoiseSpec(
                List.of(
                    new NoiseOperatorSpec("misspelling", 1.0, "typos"),
                    new NoiseOperatorSpec("word-dropout", 1.0, "dropped")),
                curriculum,
                null,
                evaluationStrengths),
            new SamplingSpec(4, 1.0, 32),
            new RewardSpec(Map.of("chrf", 1.0)),
            new TrainingSpec(3, 2, 1e-4, 0.0, 0.0, 0.2, 0.28, 1.0, 1, 2));
    Instant now = Instant.now();
    return new JobRecord(
        Envelope.create(), jobId, spec, state, 0, null, null, null, null, null, now, now);
  }

  private Rollout rollout(long step, long groupsConsumed) {
    return new Rollout(Envelope.create(), jobId, step, step, groupsConsumed, null, List.of());
  }
}

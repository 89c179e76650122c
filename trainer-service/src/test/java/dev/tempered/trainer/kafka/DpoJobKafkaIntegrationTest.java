package dev.tempered.trainer.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import dev.tempered.api.config.SharedResources;
import dev.tempered.api.job.DatasetSpec;
import dev.tempered.api.job.DpoSpec;
import dev.tempered.api.job.GroupRobustSpec;
import dev.tempered.api.job.JobRecord;
import dev.tempered.api.job.JobSpec;
import dev.tempered.api.job.JobSpecValidator;
import dev.tempered.api.job.JobState;
import dev.tempered.api.job.RewardModelSpec;
import dev.tempered.api.job.TrainingSpec;
import dev.tempered.api.message.CheckpointEvent;
import dev.tempered.api.message.Envelope;
import dev.tempered.api.message.PreferenceEvaluation;
import dev.tempered.api.message.PreferencePair;
import dev.tempered.api.message.Rollout;
import dev.tempered.api.message.ScoredCandidate;
import dev.tempered.api.message.ScoredGroup;
import dev.tempered.api.topic.Topics;
import dev.tempered.model.generation.GeneratedSequence;
import dev.tempered.model.generation.GenerationOptions;
import dev.tempered.model.generation.Generator;
import dev.tempered.model.io.Llama2cFormat;
import dev.tempered.model.io.ModelFiles;
import dev.tempered.model.llama.LlamaModel;
import dev.tempered.model.llama.LlamaWeights;
import dev.tempered.model.reward.RewardModelCheckpoints;
import dev.tempered.model.reward.TextRewardModel;
import dev.tempered.model.tokenizer.Llama2cTokenizer;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * DPO jobs through a real (embedded KRaft) broker on the real stories260K model: an offline job on
 * the Orca DPO pairs raises held-out preference accuracy and margin above step 0's, and an online
 * job trains on the pairs of scored groups, counting tied groups.
 */
@SpringBootTest
@DirtiesContext
class DpoJobKafkaIntegrationTest {

  private static final double LN_2 = Math.log(2);

  @TempDir static Path checkpoints;

  @Autowired KafkaTemplate<String, Object> template;

  @Autowired MeterRegistry meters;

  @BeforeAll
  static void requireShared() {
    assumeTrue(
        SharedResources.find().isPresent(),
        "../shared not found (set TEMPERED_SHARED_DIR): DPO job integration test skipped");
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add(
        "spring.kafka.bootstrap-servers",
        () -> System.getProperty("spring.embedded.kafka.brokers"));
    registry.add("tempered.checkpoint-dir", () -> checkpoints.toString());
  }

  @Test
  void offlineDpoRaisesHeldOutAccuracyAndMarginAboveStepZero() {
    String jobId = "job-dpo-offline";
    TrainingSpec training = training(8, 4, 1e-3, 4, new DpoSpec(0.1, null, null, 24, 16));
    JobSpec spec =
        new JobSpec(
            "dpo-offline",
            "stories260K",
            JobSpec.DPO,
            7,
            new DatasetSpec(
                "preferences/orca_dpo_validation.jsonl",
                0,
                16,
                DatasetSpec.PREFERENCES,
                null,
                null),
            null,
            null,
            null,
            training);
    assertThat(JobSpecValidator.validate(spec)).isEmpty();
    template.send(Topics.JOBS, jobId, record(jobId, spec)).join();

    Published out = await(jobId, 8, 2);

    assertThat(out.rollouts)
        .extracting(Rollout::step)
        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
    assertThat(out.rollouts.get(7).groupsConsumed()).isEqualTo(32);
    // step 1 trains from the reference itself: every margin is 0, the sigmoid loss is ln 2
    assertThat(out.rollouts.get(0).metrics().loss()).isCloseTo(LN_2, within(1e-5));
    assertThat(out.rollouts.get(0).metrics().rewardMean()).isCloseTo(0.0, within(1e-6));
    assertThat(out.rollouts.get(7).metrics().loss()).isLessThan(LN_2);
    assertThat(out.checkpoints).extracting(CheckpointEvent::version).containsExactly(1L, 2L);
    CheckpointEvent last = out.checkpoints.get(1);
    assertThat(last.last()).isTrue();
    assertThat(Path.of(URI.create(last.uri()))).exists();
    PreferenceEvaluation heldOut = last.heldOut();
    System.out.printf(
        "offline DPO job, stories260K on %d held-out Orca pairs: accuracy %.4f -> %.4f, margin"
            + " %.4f -> %.4f%n",
        heldOut.pairs(),
        heldOut.baselineAccuracy(),
        heldOut.accuracy(),
        heldOut.baselineMargin(),
        heldOut.margin());
    assertThat(heldOut.pairs()).isEqualTo(16);
    // at step 0 the policy is the reference: every pair ties (margin 0), and a tie is not a win
    assertThat(heldOut.baselineAccuracy()).isZero();
    assertThat(heldOut.baselineMargin()).isCloseTo(0.0, within(1e-6));
    assertThat(heldOut.accuracy()).isGreaterThan(0.5);
    assertThat(heldOut.margin()).isGreaterThan(0.0);
    assertThat(
            meters
                .get("tempered.trainer.preference.heldout.accuracy")
                .tag("job", jobId)
                .gauge()
                .value())
        .isEqualTo(heldOut.accuracy());
  }

  @Test
  void onlineDpoTrainsOnTheScoredGroupsPairsAndCountsTies() throws Exception {
    ModelFiles files =
        ModelFiles.locate(SharedResources.require().resolve("models"), "stories260K");
    LlamaWeights base = files.readWeights();
    Llama2cTokenizer tok = files.readTokenizer(base.config().vocabSize());
    String jobId = "job-dpo-online";
    JobSpec spec =
        new JobSpec(
            "dpo-online",
            "stories260K",
            JobSpec.DPO,
            1,
            new DatasetSpec("tinystories/tinystories_val.txt", 2, 4),
            null,
            null,
            null,
            robust(training(2, 2, 1e-3, 1, null)));
    template.send(Topics.JOBS, jobId, record(jobId, spec)).join();
    List<ScoredCandidate> candidates;
    try (LlamaModel model = LlamaModel.create(base, Device.cpu())) {
      candidates = candidates(model, tok);
    }
    // step 1: a group with a pair and a tied group; step 2: the same pair twice more
    template.send(Topics.SCORED_GROUPS, jobId, group(jobId, 0, tok, candidates, true)).join();
    template.send(Topics.SCORED_GROUPS, jobId, group(jobId, 1, tok, candidates, false)).join();
    template.send(Topics.SCORED_GROUPS, jobId, group(jobId, 2, tok, candidates, true)).join();
    template.send(Topics.SCORED_GROUPS, jobId, group(jobId, 3, tok, candidates, true)).join();

    Published out = await(jobId, 2, 2);

    assertThat(out.rollouts).extracting(Rollout::step).containsExactly(1L, 2L);
    assertThat(out.rollouts.get(1).groupsConsumed()).isEqualTo(4);
    // step 1: the policy is the reference (loss ln 2, margin 0); half its groups had no pair
    assertThat(out.rollouts.get(0).metrics().loss()).isCloseTo(LN_2, within(1e-5));
    assertThat(out.rollouts.get(0).metrics().fracZeroStdGroups()).isEqualTo(0.5);
    // step 2 sees the pair step 1 trained on: the chosen answer now scores above the rejected
    assertThat(out.rollouts.get(1).metrics().rewardMean()).isPositive();
    assertThat(out.rollouts.get(1).metrics().loss()).isLessThan(LN_2);
    assertThat(out.rollouts.get(1).metrics().fracZeroStdGroups()).isZero();
    assertThat(meters.get("tempered.trainer.preference.accuracy").tag("job", jobId).gauge().value())
        .isEqualTo(1.0);
    assertThat(
            meters
                .get("tempered.trainer.preference.tied.pairs")
                .tag("job", jobId)
                .counter()
                .count())
        .isEqualTo(1.0);
    // group-robust: the one data group holds all the weight and is the worst
    assertThat(
            meters
                .get("tempered.trainer.group.weight")
                .tags("job", jobId, "group", "word-dropout")
                .gauge()
                .value())
        .isEqualTo(1.0);
    assertThat(
            meters
                .get("tempered.trainer.group.worst")
                .tags("job", jobId, "group", "word-dropout")
                .gauge()
                .value())
        .isEqualTo(1.0);
    CheckpointEvent last = out.checkpoints.get(1);
    assertThat(last.last()).isTrue();
    assertThat(last.heldOut()).isNull();
    LlamaWeights trained = Llama2cFormat.read(Path.of(URI.create(last.uri())));
    assertThat(
            Arrays.equals(trained.tensors().get("layers.0.wq"), base.tensors().get("layers.0.wq")))
        .as("training moved the weights")
        .isFalse();
  }

  /**
   * An offline job the trainer cannot run is given up at once with a reason naming the problem: a
   * file that is not under the data root, or an algorithm with no offline learner here.
   */
  @Test
  void anOfflineJobThatCannotReadItsFileIsGivenUpWithItsReason() {
    JobSpec missing = offline("preferences/no-such-file.jsonl", JobSpec.DPO);
    template.send(Topics.JOBS, "job-dpo-missing", record("job-dpo-missing", missing)).join();

    Rollout noFile = awaitFailure("job-dpo-missing");

    assertThat(noFile.failure())
        .startsWith(
            "dataset.path: dataset path 'preferences/no-such-file.jsonl' is not a file under the"
                + " data root ");
  }

  /**
   * A reward-model job runs the same offline loop with the Bradley–Terry learner: held-out accuracy
   * and margin rise above step 0's, and the checkpoint is a reward model directory the reward
   * service's loader reads back to the rewards the trainer measured.
   */
  @Test
  void aRewardModelJobTrainsABradleyTerryModelOthersCanLoad() throws Exception {
    String jobId = "job-rm-offline";
    JobSpec spec =
        new JobSpec(
            "rm-offline",
            "stories260K",
            JobSpec.REWARD_MODEL,
            7,
            new DatasetSpec(
                "preferences/orca_dpo_validation.jsonl",
                0,
                32,
                DatasetSpec.PREFERENCES,
                null,
                null),
            null,
            null,
            null,
            rewardModelTraining());
    assertThat(JobSpecValidator.validate(spec)).isEmpty();
    template.send(Topics.JOBS, jobId, record(jobId, spec)).join();

    Published out = await(jobId, 24, 1);

    CheckpointEvent last = out.checkpoints.get(0);
    assertThat(last.last()).isTrue();
    PreferenceEvaluation heldOut = last.heldOut();
    System.out.printf(
        "reward-model job, stories260K trunk on %d held-out Orca pairs: accuracy %.4f -> %.4f,"
            + " margin %.4f -> %.4f%n",
        heldOut.pairs(),
        heldOut.baselineAccuracy(),
        heldOut.accuracy(),
        heldOut.baselineMargin(),
        heldOut.margin());
    assertThat(heldOut.pairs()).isEqualTo(32);
    assertThat(heldOut.accuracy()).isGreaterThan(heldOut.baselineAccuracy());
    assertThat(heldOut.margin()).isGreaterThan(heldOut.baselineMargin());
    Path dir = RewardModelCheckpoints.directory(checkpoints, jobId, 1);
    assertThat(Path.of(URI.create(last.uri()))).startsWith(dir);
    try (TextRewardModel loaded = TextRewardModel.load(dir, Device.cpu())) {
      float[] r =
          loaded.rewards(
              List.of("Tom saw a dog.", "Tom saw a dog."),
              List.of("The dog was happy.", "dog the happy was"));
      assertThat(r).hasSize(2);
      assertThat(Float.isFinite(r[0]) && Float.isFinite(r[1])).isTrue();
    }
  }

  /** A PAUSED offline job takes no step; once RUNNING it trains to its last checkpoint. */
  @Test
  void aPausedOfflineJobWaitsUntilItIsResumed() {
    String jobId = "job-dpo-paused";
    JobSpec spec = offline("preferences/orca_dpo_validation.jsonl", JobSpec.DPO);
    template.send(Topics.JOBS, jobId, record(jobId, spec).withState(JobState.PAUSED, null)).join();
    List<Rollout> r = new CopyOnWriteArrayList<>();
    try (var consumer = consumer(Rollout.class, jobId + "-rollouts")) {
      consumer.subscribe(List.of(Topics.ROLLOUTS));
      Awaitility.await()
          .pollInSameThread()
          .during(Duration.ofSeconds(6))
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(x -> keep(jobId, x, r));
                return r.isEmpty();
              });
    }
    template.send(Topics.JOBS, jobId, record(jobId, spec)).join();

    Published out = await(jobId, 2, 2);

    assertThat(out.rollouts).extracting(Rollout::step).containsExactly(1L, 2L);
    assertThat(out.checkpoints).extracting(CheckpointEvent::last).containsExactly(false, true);
  }

  private static JobSpec offline(String path, String algorithm) {
    return new JobSpec(
        "offline",
        "stories260K",
        algorithm,
        7,
        new DatasetSpec(path, 0, 16, DatasetSpec.PREFERENCES, null, null),
        null,
        null,
        null,
        training(2, 2, 1e-3, 1, new DpoSpec(null, null, null, 24, 16)));
  }

  private Rollout awaitFailure(String jobId) {
    List<Rollout> r = new CopyOnWriteArrayList<>();
    try (var consumer = consumer(Rollout.class, jobId + "-rollouts")) {
      consumer.subscribe(List.of(Topics.ROLLOUTS));
      Awaitility.await()
          .pollInSameThread()
          .atMost(Duration.ofMinutes(1))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(x -> keep(jobId, x, r));
                return !r.isEmpty();
              });
    }
    assertThat(r.get(0).metrics()).isNull();
    return r.get(0);
  }

  /** 24 steps of 8 pairs at lr 1e-3 on 24 prompt and 16 completion tokens, one checkpoint. */
  private static TrainingSpec rewardModelTraining() {
    return new TrainingSpec(24, 8, 1e-3, 0.0, 0.0, 0.2, 0.2, 1.0, 24, 2)
        .withRewardModel(new RewardModelSpec(24, 16, null));
  }

  private static TrainingSpec training(
      int steps, int perStep, double learningRate, int checkpointEvery, DpoSpec dpo) {
    return new TrainingSpec(
            steps, perStep, learningRate, 0.0, 0.0, 0.2, 0.2, 1.0, checkpointEvery, 2)
        .withDpo(dpo);
  }

  /** {@code t} with group-robust weighting at η 0.01 (one data group: the loss is unchanged). */
  private static TrainingSpec robust(TrainingSpec t) {
    return new TrainingSpec(
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
        new GroupRobustSpec(0.01));
  }

  private static JobRecord record(String jobId, JobSpec spec) {
    return new JobRecord(
        Envelope.create(),
        jobId,
        spec,
        JobState.RUNNING,
        0,
        null,
        null,
        null,
        null,
        null,
        Instant.now(),
        Instant.now());
  }

  /** Three sampled answers to one prompt; the first is chosen, the second rejected. */
  private static List<ScoredCandidate> candidates(LlamaModel model, Llama2cTokenizer tok) {
    int[] prompt = tok.encode("Tom saw a big dog in the park.", true, false);
    List<GeneratedSequence> out =
        Generator.generate(
            model,
            List.of(prompt, prompt, prompt),
            GenerationOptions.sampling(1f, 12, Set.of(Llama2cTokenizer.EOS), 42));
    double[] scores = {0.9, 0.1, 0.5};
    List<ScoredCandidate> candidates = new ArrayList<>();
    for (int i = 0; i < out.size(); i++) {
      GeneratedSequence s = out.get(i);
      List<Float> lps = new ArrayList<>();
      for (float lp : s.logprobs()) {
        lps.add(lp);
      }
      candidates.add(
          new ScoredCandidate(
              tok.decodeContinuation(s.tokens()),
              Arrays.stream(s.tokens()).boxed().toList(),
              lps,
              s.finishReason(),
              Map.of("chrf", scores[i]),
              scores[i],
              0.0));
    }
    return candidates;
  }

  /** A group with the pair (0 over 1), or a tied group with none. */
  private static ScoredGroup group(
      String jobId, int g, Llama2cTokenizer tok, List<ScoredCandidate> candidates, boolean pair) {
    int[] prompt = tok.encode("Tom saw a big dog in the park.", true, false);
    return new ScoredGroup(
        Envelope.create(),
        jobId,
        jobId + "-train-" + g,
        "word-dropout",
        0,
        1f,
        0.1,
        Arrays.stream(prompt).boxed().toList(),
        candidates,
        0,
        0.5,
        0.4,
        null,
        pair ? List.of(new PreferencePair(0, 1, 0.9, 0.1)) : List.of(),
        pair ? 0 : 1);
  }

  private record Published(List<Rollout> rollouts, List<CheckpointEvent> checkpoints) {}

  private Published await(String jobId, int rollouts, int checkpointCount) {
    List<Rollout> r = new CopyOnWriteArrayList<>();
    List<CheckpointEvent> c = new CopyOnWriteArrayList<>();
    try (var rolloutConsumer = consumer(Rollout.class, jobId + "-rollouts");
        var checkpointConsumer = consumer(CheckpointEvent.class, jobId + "-checkpoints")) {
      rolloutConsumer.subscribe(List.of(Topics.ROLLOUTS));
      checkpointConsumer.subscribe(List.of(Topics.CHECKPOINTS));
      Awaitility.await()
          .pollInSameThread()
          .atMost(Duration.ofMinutes(4))
          .until(
              () -> {
                rolloutConsumer.poll(Duration.ofMillis(200)).forEach(x -> keep(jobId, x, r));
                checkpointConsumer.poll(Duration.ofMillis(200)).forEach(x -> keep(jobId, x, c));
                assertThat(r).allMatch(x -> x.failure() == null, "no failure rollout");
                return r.size() >= rollouts && c.size() >= checkpointCount;
              });
    }
    return new Published(r, c);
  }

  private static <T> void keep(
      String jobId, org.apache.kafka.clients.consumer.ConsumerRecord<String, T> x, List<T> into) {
    if (jobId.equals(x.key())) {
      into.add(x.value());
    }
  }

  private static <T> KafkaConsumer<String, T> consumer(Class<T> type, String group) {
    Map<String, Object> config = new HashMap<>();
    config.put(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
        System.getProperty("spring.embedded.kafka.brokers"));
    config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    JacksonJsonDeserializer<T> values = new JacksonJsonDeserializer<>(type);
    values.ignoreTypeHeaders();
    values.addTrustedPackages("*");
    return new KafkaConsumer<>(config, new StringDeserializer(), values);
  }
}

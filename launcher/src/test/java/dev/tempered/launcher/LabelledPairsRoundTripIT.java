package dev.tempered.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tempered.api.config.SharedResources;
import dev.tempered.api.message.CheckpointEvent;
import dev.tempered.api.message.PreferenceEvaluation;
import dev.tempered.api.message.Rollout;
import dev.tempered.api.topic.Topics;
import dev.tempered.launcher.job.GatewayClient;
import dev.tempered.launcher.job.Json;
import dev.tempered.launcher.stack.FreePorts;
import dev.tempered.launcher.stack.KafkaBroker;
import dev.tempered.launcher.stack.LogTail;
import dev.tempered.launcher.stack.ServiceProcess;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The labelling round trip through real components: a Kafka broker, the gateway jar and the
 * trainer-service jar on stories260K. Scored groups of an online job with {@code reward.labelling}
 * are offered by the gateway, labelled and exported over its REST API into the trainer's data
 * directory, and an offline DPO job submitted to the gateway trains on exactly the exported pairs
 * and learns the labeller's preference on pairs it never trained on. Skips without ../shared or the
 * two jars.
 */
class LabelledPairsRoundTripIT {

  private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration JOB_TIMEOUT = Duration.ofMinutes(3);
  private static final String EXPORT_PATH = "labelled/pairs.jsonl";
  private static final int LABELLED = 16;
  private static final int TIES = 2;
  private static final int SKIPS = 2;
  private static final int HELD_OUT = 4;
  private static final int STEPS = 10;
  private static final int CHECKPOINT_EVERY = 5;

  private static final String ONLINE_JOB =
      """
      {"name":"to-label","model":"stories260K","algorithm":"grpo","seed":7,
       "dataset":{"path":"tinystories/tinystories_val.txt","promptSentences":2,"heldOutPrompts":2},
       "noise":{"operators":[{"kind":"misspelling","weight":1.0,"group":"misspelling"}],
                "curriculum":{"schedule":"linear","startStrength":0.1,"endStrength":0.4}},
       "sampling":{"candidates":2,"temperature":1.0,"maxNewTokens":24},
       "reward":{"weights":{"chrf":1.0},"labelling":{"fraction":1.0,"maxPending":32}},
       "training":{"steps":4,"promptsPerStep":8,"learningRate":0.001,"weightDecay":0.0,
                   "beta":0.04,"epsilonLow":0.2,"epsilonHigh":0.2,"maxGradNorm":1.0,
                   "checkpointEvery":4,"maxStaleness":2}}
      """;

  /**
   * 12 training pairs per step (every training pair once: 16 exported minus 4 held out), 10 steps
   * at lr 1e-3 on 24 prompt and 16 completion tokens, a checkpoint every 5 steps.
   */
  private static final String DPO_JOB =
      """
      {"name":"labelled-dpo","model":"stories260K","algorithm":"dpo","seed":7,
       "dataset":{"format":"preferences","path":"%s","promptSentences":0,"heldOutPrompts":%d},
       "training":{"steps":%d,"promptsPerStep":%d,"learningRate":0.001,"weightDecay":0.0,
                   "beta":0.0,"epsilonLow":0.2,"epsilonHigh":0.2,"maxGradNorm":1.0,
                   "checkpointEvery":%d,"maxStaleness":2,
                   "dpo":{"beta":0.1,"maxPromptTokens":24,"maxCompletionTokens":16}}}
      """
          .formatted(EXPORT_PATH, HELD_OUT, STEPS, LABELLED - HELD_OUT, CHECKPOINT_EVERY);

  private static final Pattern SPLIT_LOG =
      Pattern.compile("of (\\d+) training and (\\d+) held-out pairs");

  @TempDir Path work;

  @Test
  void labelledPairsExportedByTheGatewayTrainAnOfflineDpoJob() throws Exception {
    Optional<Path> shared = SharedResources.find();
    skipUnless(shared.isPresent(), "../shared not found: set TEMPERED_SHARED_DIR to run it");
    Path repo = Path.of(System.getProperty("tempered.repo.dir", "..")).toAbsolutePath().normalize();
    Path gatewayJar = repo.resolve("gateway/target/gateway.jar");
    Path trainerJar = repo.resolve("trainer-service/target/trainer-service.jar");
    skipUnless(
        Files.isRegularFile(gatewayJar) && Files.isRegularFile(trainerJar),
        "gateway or trainer-service jar not built (run ./mvnw -B verify from the root)");
    Path libs = Path.of(System.getProperty("tempered.kafka.libs", "target/kafka-libs"));
    long started = System.nanoTime();

    try (KafkaBroker broker =
            KafkaBroker.start(
                libs, work.resolve("kafka"), work.resolve("kafka.log"), START_TIMEOUT);
        ServiceProcess gateway = startGateway(gatewayJar, broker);
        KafkaProducer<String, String> producer = producer(broker)) {
      GatewayClient client = new GatewayClient(gateway.baseUri(), GatewayClient.LOCAL_DEV_KEY);
      Path data = labelAndExport(client, producer);

      try (ServiceProcess trainer = startTrainer(trainerJar, broker, shared.get(), data)) {
        String dpoId = client.submit(DPO_JOB);
        JsonNode job = awaitEnd(client, dpoId);
        assertThat(Json.text(job, "state", ""))
            .as("DPO job %s: %s; trainer log:%n%s", dpoId, job, LogTail.of(trainer.log(), 30))
            .isEqualTo("SUCCEEDED");
        assertTrainedOnTheExport(trainer.log(), dpoId, broker);
      }
    }
    System.out.printf("labelling round trip: %.1f s%n", (System.nanoTime() - started) / 1e9);
  }

  /**
   * Publishes the scored groups of an online labelled job, labels every pair the gateway offers and
   * writes the export into a fresh data root; returns that root.
   */
  private Path labelAndExport(GatewayClient client, KafkaProducer<String, String> producer)
      throws Exception {
    String onlineId = client.submit(ONLINE_JOB);
    List<LabelledGroups.Group> groups = LabelledGroups.all();
    for (LabelledGroups.Group g : groups) {
      String json = Json.MAPPER.writeValueAsString(g.scored(onlineId));
      producer.send(new ProducerRecord<>(Topics.SCORED_GROUPS, onlineId, json)).get(30, SECONDS);
    }
    List<JsonNode> offered = awaitPending(client, onlineId, groups.size());
    label(client, onlineId, offered);

    GatewayClient.Text export = client.getText("/v1/jobs/" + onlineId + "/pairs/export");
    assertThat(export.headers().firstValue("Tempered-Pairs-Exported")).hasValue("16");
    assertThat(export.headers().firstValue("Tempered-Pairs-Ties")).hasValue("2");
    assertThat(export.headers().firstValue("Tempered-Pairs-Skipped")).hasValue("2");
    assertThat(export.headers().firstValue("Tempered-Pairs-Pending")).hasValue("0");
    // In offer order, the labeller's choice (the story's own sentence) as chosen: also in the
    // odd groups, where the reward had scored the scrambled answer higher.
    assertThat(export.body().lines().map(LabelledPairsRoundTripIT::line).toList())
        .containsExactlyElementsOf(
            groups.subList(0, LABELLED).stream().map(LabelledGroups.Group::expectedLine).toList());
    Path data = work.resolve("data");
    Files.createDirectories(data.resolve(EXPORT_PATH).getParent());
    Files.writeString(data.resolve(EXPORT_PATH), export.body());
    // Cancelled so that the trainer, started next, does not train the online job as well.
    client.post("/v1/jobs/" + onlineId + "/cancel");
    return data;
  }

  /** Labels the first 16 offered pairs for the fluent answer, then 2 ties and 2 skips. */
  private static void label(GatewayClient client, String jobId, List<JsonNode> offered) {
    for (int i = 0; i < offered.size(); i++) {
      JsonNode pair = offered.get(i);
      String id = Json.text(pair, "id", "");
      LabelledGroups.Group g = LabelledGroups.byPairId(id);
      String preferred;
      if (i < LABELLED) {
        preferred = g.fluent().equals(Json.text(pair, "a", "")) ? "a" : "b";
        assertThat(Json.text(pair, preferred.equals("a") ? "b" : "a", "")).isEqualTo(g.scrambled());
      } else {
        preferred = i < LABELLED + TIES ? "tie" : "skip";
      }
      JsonNode labelled =
          client.post(
              "/v1/jobs/" + jobId + "/pairs/" + id + "/label",
              "{\"preferred\":\"" + preferred + "\"}");
      assertThat(Json.text(labelled, "label", "")).isEqualTo(preferred);
    }
  }

  private void assertTrainedOnTheExport(Path trainerLog, String jobId, KafkaBroker broker)
      throws Exception {
    // The trainer's own account of the file it read: the 16 exported pairs, 4 of them held out.
    Matcher split = SPLIT_LOG.matcher(Files.readString(trainerLog));
    assertThat(split.find()).as("the trainer logged its split").isTrue();
    assertThat(split.group(1)).isEqualTo(String.valueOf(LABELLED - HELD_OUT));
    assertThat(split.group(2)).isEqualTo(String.valueOf(HELD_OUT));

    List<Rollout> rollouts = new ArrayList<>();
    List<CheckpointEvent> checkpoints = new ArrayList<>();
    readJob(broker, jobId, rollouts, checkpoints);
    assertThat(rollouts)
        .extracting(Rollout::step)
        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
    assertThat(rollouts.get(STEPS - 1).groupsConsumed())
        .isEqualTo((long) STEPS * (LABELLED - HELD_OUT));
    // Step 1 trains from the reference itself: every margin is 0, the sigmoid loss is ln 2.
    assertThat(rollouts.get(0).metrics().loss()).isCloseTo(Math.log(2), within(1e-5));
    assertThat(rollouts.get(0).metrics().rewardMean()).isCloseTo(0.0, within(1e-6));
    assertThat(rollouts.get(STEPS - 1).metrics().loss()).isLessThan(Math.log(2));
    assertThat(rollouts.get(STEPS - 1).metrics().rewardMean()).isPositive();

    assertThat(checkpoints).extracting(CheckpointEvent::version).containsExactly(1L, 2L);
    assertThat(checkpoints).extracting(CheckpointEvent::last).containsExactly(false, true);
    PreferenceEvaluation first = checkpoints.get(0).heldOut();
    PreferenceEvaluation last = checkpoints.get(1).heldOut();
    System.out.printf(
        "DPO on %d labelled pairs (%d held out): held-out accuracy %.4f -> %.4f -> %.4f,"
            + " margin %.4f -> %.4f -> %.4f; train margin %.4f -> %.4f, loss %.4f -> %.4f%n",
        LABELLED,
        last.pairs(),
        last.baselineAccuracy(),
        first.accuracy(),
        last.accuracy(),
        last.baselineMargin(),
        first.margin(),
        last.margin(),
        rollouts.get(0).metrics().rewardMean(),
        rollouts.get(STEPS - 1).metrics().rewardMean(),
        rollouts.get(0).metrics().loss(),
        rollouts.get(STEPS - 1).metrics().loss());
    assertThat(last.pairs()).isEqualTo(HELD_OUT);
    // At step 0 the policy is the reference: every pair ties (margin 0), and a tie is not a win.
    assertThat(last.baselineAccuracy()).isZero();
    assertThat(last.baselineMargin()).isCloseTo(0.0, within(1e-6));
    // On pairs it never trained on, the policy now prefers the labeller's choice: the implicit
    // reward margin is positive at both checkpoints (12 pairs overfit by step 10, so it need not
    // keep rising), and at least 3 of the 4 held-out pairs are won.
    assertThat(first.margin()).isPositive();
    assertThat(last.margin()).isPositive();
    assertThat(last.accuracy()).isGreaterThan(last.baselineAccuracy()).isGreaterThan(0.5);
    assertThat(checkpoints).allMatch(c -> c.heldOut().pairs() == HELD_OUT, "held-out count");
  }

  /** The job's rollouts and checkpoints from the broker, in order, until the last checkpoint. */
  private static void readJob(
      KafkaBroker broker, String jobId, List<Rollout> rollouts, List<CheckpointEvent> checkpoints)
      throws Exception {
    Map<String, Object> config =
        Map.of(
            "bootstrap.servers",
            broker.bootstrapServers(),
            "group.id",
            "round-trip-" + jobId,
            "auto.offset.reset",
            "earliest");
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(Topics.ROLLOUTS, Topics.CHECKPOINTS));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (rollouts.size() < STEPS || checkpoints.size() < STEPS / CHECKPOINT_EVERY) {
        assertThat(System.nanoTime()).as("rollouts and checkpoints read").isLessThan(deadline);
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
          if (!jobId.equals(r.key())) {
            continue;
          }
          if (r.topic().equals(Topics.ROLLOUTS)) {
            rollouts.add(Json.MAPPER.readValue(r.value(), Rollout.class));
          } else {
            checkpoints.add(Json.MAPPER.readValue(r.value(), CheckpointEvent.class));
          }
        }
      }
    }
  }

  private static List<JsonNode> awaitPending(GatewayClient client, String jobId, int count)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      JsonNode page = client.get("/v1/jobs/" + jobId + "/pairs?status=pending&limit=100");
      List<JsonNode> pairs = new ArrayList<>();
      page.get("pairs").forEach(pairs::add);
      if (pairs.size() >= count) {
        return pairs;
      }
      assertThat(System.nanoTime()).as("pairs offered in time").isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  private static JsonNode awaitEnd(GatewayClient client, String jobId) throws InterruptedException {
    long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
    while (true) {
      JsonNode job = client.job(jobId);
      String state = Json.text(job, "state", "");
      if (List.of("SUCCEEDED", "FAILED", "CANCELLED").contains(state)
          || System.nanoTime() > deadline) {
        return job;
      }
      Thread.sleep(500);
    }
  }

  private ServiceProcess startGateway(Path jar, KafkaBroker broker) {
    int port = FreePorts.pick();
    ServiceProcess gateway =
        ServiceProcess.start(
            "gateway",
            port,
            jar,
            List.of("-Xmx256m"),
            List.of(
                "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                "--server.port=" + port,
                "--spring.profiles.active=local",
                "--tempered.gateway.cancel-grace=200ms"),
            work,
            work.resolve("gateway.log"));
    gateway.awaitHealthy(HttpClient.newHttpClient(), START_TIMEOUT);
    return gateway;
  }

  /** One PyTorch thread, as the launcher's stack runs it, and the export's folder as data root. */
  private ServiceProcess startTrainer(Path jar, KafkaBroker broker, Path shared, Path data) {
    int port = FreePorts.pick();
    ServiceProcess trainer =
        ServiceProcess.start(
            "trainer-service",
            port,
            jar,
            List.of(
                "-Xmx1g",
                "-Dai.djl.pytorch.num_threads=1",
                "-Dai.djl.pytorch.num_interop_threads=1",
                "-Dtempered.shared.dir=" + shared.toAbsolutePath()),
            List.of(
                "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                "--server.port=" + port,
                "--tempered.checkpoint-dir=" + work.resolve("checkpoints"),
                "--tempered.trainer.data-dir=" + data),
            work,
            work.resolve("trainer-service.log"));
    trainer.awaitHealthy(HttpClient.newHttpClient(), START_TIMEOUT);
    return trainer;
  }

  private static KafkaProducer<String, String> producer(KafkaBroker broker) {
    return new KafkaProducer<>(
        Map.of("bootstrap.servers", broker.bootstrapServers()),
        new StringSerializer(),
        new StringSerializer());
  }

  private static List<String> line(String json) {
    JsonNode node = Json.MAPPER.readTree(json);
    return List.of(
        Json.text(node, "prompt", ""),
        Json.text(node, "chosen", ""),
        Json.text(node, "rejected", ""));
  }

  /** Skips with the reason in the build output too, where failsafe would otherwise hide it. */
  private static void skipUnless(boolean condition, String reason) {
    if (!condition) {
      System.out.println("LabelledPairsRoundTripIT skipped: " + reason);
    }
    assumeTrue(condition, reason);
  }

  private static final TimeUnit SECONDS = TimeUnit.SECONDS;
}

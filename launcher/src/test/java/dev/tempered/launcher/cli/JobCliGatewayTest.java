package dev.tempered.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tempered.api.message.CheckpointEvent;
import dev.tempered.api.message.Envelope;
import dev.tempered.api.message.EvaluationResult;
import dev.tempered.api.message.PreferencePair;
import dev.tempered.api.message.Rollout;
import dev.tempered.api.message.ScoredCandidate;
import dev.tempered.api.message.ScoredGroup;
import dev.tempered.api.message.TrainingMetrics;
import dev.tempered.api.topic.Topics;
import dev.tempered.launcher.job.GatewayClient;
import dev.tempered.launcher.job.Json;
import dev.tempered.launcher.stack.FreePorts;
import dev.tempered.launcher.stack.KafkaBroker;
import dev.tempered.launcher.stack.ServiceProcess;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job CLI against the real gateway jar (its {@code local} profile and development key) on a
 * real broker; the trainer's and reward service's records are published by the test.
 */
class JobCliGatewayTest {

  private static final Path GATEWAY_JAR = Path.of("../gateway/target/gateway.jar");
  private static final String JOB =
      """
      {"name":"cli","model":"stories260K","algorithm":"grpo","seed":7,
       "dataset":{"path":"tinystories/tinystories_val.txt","promptSentences":2,"heldOutPrompts":2},
       "noise":{"operators":[{"kind":"misspelling","weight":1.0,"group":"misspelling"}],
                "curriculum":{"schedule":"linear","startStrength":0.1,"endStrength":0.4}},
       "sampling":{"candidates":8,"temperature":1.0,"maxNewTokens":24},
       "reward":{"weights":{"chrf":1.0}},
       "training":{"steps":4,"promptsPerStep":8,"learningRate":0.001,"weightDecay":0.0,
                   "beta":0.04,"epsilonLow":0.2,"epsilonHigh":0.2,"maxGradNorm":1.0,
                   "checkpointEvery":4,"maxStaleness":2}}
      """;

  @TempDir static Path work;
  private static KafkaBroker broker;
  private static ServiceProcess gateway;
  private static KafkaProducer<String, String> producer;
  private static Path jobFile;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(
        Files.isRegularFile(GATEWAY_JAR),
        GATEWAY_JAR.toAbsolutePath() + " not built (./mvnw -pl gateway package): CLI test skipped");
    Path libs = Path.of(System.getProperty("tempered.kafka.libs", "target/kafka-libs"));
    broker =
        KafkaBroker.start(
            libs, work.resolve("kafka"), work.resolve("kafka.log"), Duration.ofMinutes(2));
    int port = FreePorts.pick();
    gateway =
        ServiceProcess.start(
            "gateway",
            port,
            GATEWAY_JAR,
            List.of("-Xmx256m"),
            List.of(
                "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                "--server.port=" + port,
                "--spring.profiles.active=local",
                "--tempered.gateway.cancel-grace=200ms",
                "--tempered.gateway.progress-interval=0s"),
            work,
            work.resolve("gateway.log"));
    gateway.awaitHealthy(HttpClient.newHttpClient(), Duration.ofMinutes(2));
    producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", broker.bootstrapServers()),
            new StringSerializer(),
            new StringSerializer());
    jobFile = work.resolve("job.json");
    Files.writeString(jobFile, JOB);
  }

  @AfterAll
  static void stop() {
    if (producer != null) {
      producer.close();
    }
    if (gateway != null) {
      gateway.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void submitWaitShowsProgressAndExits0WhenTheJobSucceeds() throws Exception {
    Run submitted = cli("submit", jobFile.toString(), "-o", "json");
    assertThat(submitted.status).isZero();
    String id = Json.text(Json.MAPPER.readTree(submitted.out), "id", "");
    assertThat(id).matches("job-[a-z2-7]{12}");

    Set<String> before = jobIds();
    CompletableFuture<Run> waiting =
        CompletableFuture.supplyAsync(
            () -> cli("submit", jobFile.toString(), "--wait", "--idempotency-key", "cli-key"));
    String waitedId = awaitNewJob(before);
    for (long step = 1; step <= 4; step++) {
      send(Topics.ROLLOUTS, waitedId, rollout(waitedId, step));
    }
    send(Topics.CHECKPOINTS, waitedId, checkpoint(waitedId));
    for (String prompt : List.of("p0", "p1")) {
      send(Topics.EVALUATIONS, prompt, evaluation(waitedId, prompt, 0, 0.3));
      send(Topics.EVALUATIONS, prompt, evaluation(waitedId, prompt, 1, 0.5));
    }

    Run run = waiting.get(60, TimeUnit.SECONDS);
    assertThat(run.status).as(run.toString()).isZero();
    assertThat(run.out)
        .contains("submitted " + waitedId + " (cli)")
        .contains("- -> QUEUED  (submitted)")
        .contains("RUNNING -> SUCCEEDED")
        .contains(
            "[######------------------] step 1/4  reward 0.1000  kl 0.0200  policy v1"
                + "  tokens/s 100  ETA ?")
        .contains(
            "[########################] step 4/4  reward 0.4000  kl 0.0200  policy v4"
                + "  tokens/s 100  ETA ")
        .contains("checkpoint v1 at step 4 (last)")
        .endsWith("job " + waitedId + " ended SUCCEEDED\n");

    Run checkpoints = cli("checkpoints", waitedId);
    assertThat(checkpoints.out).contains("v1").contains("yes").contains("sha-" + waitedId);
    Run report = cli("report", waitedId);
    assertThat(report.status).isZero();
    assertThat(report.out).contains("Robustness by policy version");
    Run status = cli("status", waitedId, "-o", "json");
    assertThat(Json.text(Json.MAPPER.readTree(status.out), "state", "")).isEqualTo("SUCCEEDED");
    Run list = cli("list", "--status", "SUCCEEDED");
    assertThat(list.out).contains(waitedId).doesNotContain(id);
  }

  @Test
  void cancellingAWaitedJobExits2AndIllegalCommandsExit1() throws Exception {
    Set<String> before = jobIds();
    CompletableFuture<Run> waiting =
        CompletableFuture.supplyAsync(() -> cli("submit", jobFile.toString(), "--wait"));
    String id = awaitNewJob(before);

    assertThat(cli("pause", id).out).contains("PAUSED");
    Run again = cli("pause", id);
    assertThat(again.status).isEqualTo(1);
    assertThat(again.err).contains("answered 409").contains("is PAUSED and cannot be paused");
    assertThat(cli("resume", id).out).contains("RUNNING");
    assertThat(cli("cancel", id).status).isZero();

    Run run = waiting.get(60, TimeUnit.SECONDS);
    assertThat(run.status).as(run.toString()).isEqualTo(2);
    assertThat(run.out).contains("CANCELLING -> CANCELLED").endsWith("ended CANCELLED\n");
    Run events = cli("events", id, "-o", "json");
    assertThat(events.out.lines().map(l -> Json.text(Json.MAPPER.readTree(l), "to", "")).toList())
        .containsExactly(
            "QUEUED", "VALIDATING", "RUNNING", "PAUSED", "RUNNING", "CANCELLING", "CANCELLED");
    Run followed = cli("events", id, "-f");
    assertThat(followed.status).isZero();
    assertThat(followed.out.lines().count()).isEqualTo(7);
  }

  /** The demo's path: the same stream, then both reports and how the job ended. */
  @Test
  void submitAndFollowPrintsStepsThenTheReportBeforeAndAfter() throws Exception {
    Set<String> before = jobIds();
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    CompletableFuture<FollowOutcome> following =
        CompletableFuture.supplyAsync(
            () -> demoCli(printed).submitAndFollow(client(), JOB, Duration.ofSeconds(60)));
    String id = awaitNewJob(before);
    for (long step = 1; step <= 4; step++) {
      send(Topics.ROLLOUTS, id, rollout(id, step));
    }
    send(Topics.CHECKPOINTS, id, checkpoint(id));
    for (String prompt : List.of("p0", "p1")) {
      send(Topics.EVALUATIONS, prompt, evaluation(id, prompt, 0, 0.3));
      send(Topics.EVALUATIONS, prompt, evaluation(id, prompt, 1, 0.5));
    }

    FollowOutcome outcome = following.get(60, TimeUnit.SECONDS);
    String out = printed.toString(StandardCharsets.UTF_8);
    assertThat(outcome.succeeded()).as(out).isTrue();
    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.job().id()).isEqualTo(id);
    assertThat(outcome.report().orElseThrow().newestCompleteVersion()).hasValue(1);
    assertThat(out)
        .startsWith("submitted " + id + " (cli)\n")
        .contains("step 3/4  reward 0.3000  kl 0.0200  policy v3  tokens/s 100  ETA ")
        .contains("Robustness before training (policy v0")
        .contains("Robustness by policy version")
        .endsWith("job " + id + " ended SUCCEEDED\n");
    assertThat(out.indexOf("RUNNING -> SUCCEEDED"))
        .as("the reports follow the stream")
        .isLessThan(out.indexOf("Robustness before training"));
  }

  @Test
  void submitAndFollowGivesUpAtTheDeadline() {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    FollowOutcome outcome = demoCli(printed).submitAndFollow(client(), JOB, Duration.ofSeconds(3));

    String out = printed.toString(StandardCharsets.UTF_8);
    assertThat(outcome.timedOut()).as(out).isTrue();
    assertThat(outcome.exitCode()).isEqualTo(1);
    assertThat(outcome.job().state()).isEqualTo("RUNNING");
    String id = outcome.job().id();
    assertThat(out)
        .contains("VALIDATING -> RUNNING")
        .contains("job " + id + " did not finish within 3s (state RUNNING); the report so far:")
        .endsWith("job " + id + " ended TIMED OUT\n");
    assertThat(cli("cancel", id).status).isZero();
  }

  private static JobCli demoCli(ByteArrayOutputStream printed) {
    PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
    return new JobCli(out, out);
  }

  private static GatewayClient client() {
    return new GatewayClient(gateway.baseUri(), GatewayClient.LOCAL_DEV_KEY);
  }

  @Test
  void badUsageIs64AndAWrongKeyIsRefused() {
    assertThat(cli("frobnicate").status).isEqualTo(JobCli.USAGE_ERROR);
    assertThat(cli("status").status).isEqualTo(JobCli.USAGE_ERROR);
    Run refused = cli("list", "--api-key", "some-key-nobody-has");
    assertThat(refused.status).isEqualTo(1);
    assertThat(refused.err).contains("answered 401");
    Run missing = cli("status", "job-nope");
    assertThat(missing.status).isEqualTo(1);
    assertThat(missing.err).contains("answered 404");
  }

  @Test
  void pairsAreLabelledAndExportedThroughTheCli() throws Exception {
    Path labelledJob = work.resolve("labelled-job.json");
    Files.writeString(
        labelledJob,
        JOB.replace(
            "\"reward\":{\"weights\":{\"chrf\":1.0}}",
            "\"reward\":{\"weights\":{\"chrf\":1.0},\"labelling\":{\"maxPending\":10}}"));
    Run submitted = cli("submit", labelledJob.toString(), "-o", "json");
    assertThat(submitted.status).as(submitted.toString()).isZero();
    String id = Json.text(Json.MAPPER.readTree(submitted.out), "id", "");
    // The groups of the gateway's LabellingKafkaTest: T_k is the second-last text, the lowest
    // scored the last; lily-1 shows T_k as a, tom-3 as b (a hash of the pair id).
    send(
        Topics.SCORED_GROUPS,
        id,
        scored(
            id,
            "lily-1",
            "Once upon a time, there was a litle girl named Lily.",
            " She loved to play in the park with her friends.",
            " park park the the."));
    send(
        Topics.SCORED_GROUPS,
        id,
        scored(
            id,
            "tom-3",
            "Tom had a big red bal.",
            " It was very happy.",
            " He liked to throw it high in the sky."));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (cli("pairs", id, "--status", "pending", "-o", "json").out.lines().count() < 2) {
      assertThat(System.nanoTime()).as("pairs offered in time").isLessThan(deadline);
      Thread.sleep(200);
    }
    Run pairs = cli("pairs", id);
    assertThat(pairs.out)
        .contains("PAIR")
        .contains("lily-1")
        .contains("pending")
        .contains("Once upon a time, there was a litle g...");

    assertThat(cli("label", id, "lily-1", "a").out).isEqualTo("pair lily-1 labelled a\n");
    // Tom: the labeller prefers what the reward scored lowest (shown as a).
    assertThat(cli("label", id, "tom-3", "a").status).isZero();
    Run clash = cli("label", id, "tom-3", "b");
    assertThat(clash.status).isEqualTo(1);
    assertThat(clash.err).contains("answered 409");
    assertThat(cli("label", id, "tom-3").status).isEqualTo(JobCli.USAGE_ERROR);

    Path file = work.resolve("data/labelled/pairs.jsonl");
    Run export = cli("export-pairs", id, "--out", file.toString());
    assertThat(export.status).as(export.toString()).isZero();
    assertThat(export.out)
        .isEqualTo("exported 2 pairs (left out: 0 ties, 0 skipped, 0 pending) to " + file + "\n");
    // The preference file the trainer's LabelledPairsDpoTest reads back and trains on.
    assertThat(Files.readString(file))
        .isEqualTo(Files.readString(Path.of("../examples/labelled-pairs.jsonl")));
  }

  private static ScoredGroup scored(
      String id, String pairId, String noisy, String target, String worst) {
    List<ScoredCandidate> candidates =
        List.of(
            new ScoredCandidate(target, List.of(5), List.of(-1f), "stop", Map.of(), 0.6, 0.7),
            new ScoredCandidate(worst, List.of(6), List.of(-1f), "stop", Map.of(), 0.1, -0.7));
    return new ScoredGroup(
        new Envelope(1, pairId, java.time.Instant.now()),
        id,
        "prompt-" + pairId,
        "misspelling",
        0,
        1f,
        0.1,
        List.of(1),
        candidates,
        0,
        0.35,
        0.35,
        null,
        List.of(new PreferencePair(0, 1, 0.6, 0.1)),
        0,
        noisy.replace("litle", "little").replace("bal.", "ball."),
        noisy);
  }

  private record Run(int status, String out, String err) {}

  private static Run cli(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        new JobCli(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))
            .run(args, Map.of("TEMPERED_GATEWAY", gateway.baseUri().toString()));
    return new Run(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Every job id the gateway has now. */
  private static Set<String> jobIds() {
    return cli("list", "-o", "json")
        .out
        .lines()
        .map(line -> Json.text(Json.MAPPER.readTree(line), "id", ""))
        .collect(Collectors.toSet());
  }

  /** The id of the job the waiting submit created: the one that was not there before. */
  private static String awaitNewJob(Set<String> before) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      Set<String> now = jobIds();
      now.removeAll(before);
      if (now.size() == 1) {
        return now.iterator().next();
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the waiting submit created no job");
  }

  private static void send(String topic, String key, Object value) throws Exception {
    producer
        .send(new ProducerRecord<>(topic, key, Json.MAPPER.writeValueAsString(value)))
        .get(30, TimeUnit.SECONDS);
  }

  private static Rollout rollout(String id, long step) {
    TrainingMetrics metrics =
        new TrainingMetrics(1.0, 0.9, 0.02, 2.0, 0.1, 0.5, step / 10.0, 0.1, 0.0, 0.0, 0, 100.0);
    return new Rollout(Envelope.create(), id, step, step, step * 8, metrics, List.of());
  }

  private static CheckpointEvent checkpoint(String id) {
    return new CheckpointEvent(
        Envelope.create(),
        id,
        1,
        4,
        "file:/tmp/" + id + "/v1.bin",
        "sha-" + id,
        4096,
        0.4,
        1.0,
        true);
  }

  private static EvaluationResult evaluation(String id, String prompt, long version, double noisy) {
    return new EvaluationResult(
        Envelope.create(), id, prompt, "misspelling", version, 0.6, noisy, "a", "b");
  }
}

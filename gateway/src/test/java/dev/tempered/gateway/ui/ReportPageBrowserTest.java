package dev.tempered.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import dev.tempered.api.message.CheckpointEvent;
import dev.tempered.api.message.Envelope;
import dev.tempered.api.message.EvaluationResult;
import dev.tempered.api.message.Rollout;
import dev.tempered.api.message.TrainingMetrics;
import dev.tempered.api.topic.Topics;
import dev.tempered.gateway.TestJobs;
import dev.tempered.gateway.web.TestClients;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The report page in Debian's headless Chromium: a job fed through the embedded broker with five
 * steps and three evaluated policy versions is drawn with one point per step and per version, and
 * the screenshot shows the series' colours in each chart's area; the newest version's scores at
 * three noise strengths make one point per strength.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}")
@DirtiesContext
class ReportPageBrowserTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final double[] REWARDS = {0.10, 0.25, 0.20, 0.40, 0.55};
  private static final double[] KLS = {0.0, 0.010, 0.018, 0.030, 0.027};
  // clean score of the misspelling prompts per version; word-dropout prompts score 0.1 less
  private static final double[] CLEAN = {0.6, 0.62, 0.65};
  private static final double[] CLEAN_DROPOUT = {0.5, 0.52, 0.55};
  // noisy score of prompts p0..p3 under versions 0..2; p0, p2 are misspelling, p1, p3 word-dropout
  private static final double[][] NOISY = {
    {0.2, 0.4, 0.3, 0.1}, {0.3, 0.45, 0.5, 0.25}, {0.5, 0.5, 0.6, 0.3}
  };
  // noise kinds of p0..p3: character; word; character and word; no operator (family none)
  private static final List<List<String>> KINDS =
      List.of(
          List.of("misspelling"),
          List.of("word-dropout"),
          List.of("misspelling", "synonym"),
          List.of());
  // the colours report.js gives the first and second series (PALETTE[0], PALETTE[1])
  private static final int BLUE = 0x1f77b4;
  private static final int RED = 0xd62728;

  @LocalServerPort private int port;
  @Autowired private KafkaTemplate<String, Object> kafka;

  private HeadlessChromium chromium;
  private Path work;

  @BeforeEach
  void findChromium() throws Exception {
    work = Files.createTempDirectory("report-page");
    chromium = HeadlessChromium.find(work).orElse(null);
    Assumptions.assumeTrue(
        chromium != null,
        "chromium is not installed (apt-get install -y chromium; .ci/run installs it): skipping"
            + " the report page browser test");
  }

  @Test
  void theChartsShowEveryStepAndEveryEvaluatedVersion() throws Exception {
    RestTestClient http = TestClients.admin(port);
    String id = submit(http);
    await().atMost(WAIT).until(() -> "RUNNING".equals(field(http, "/v1/jobs/" + id, "$.state")));
    publish(id);
    await().atMost(WAIT).until(() -> "SUCCEEDED".equals(field(http, "/v1/jobs/" + id, "$.state")));

    String url = "http://localhost:" + port + "/ui/jobs/" + id + "#key=" + TestClients.READ_KEY;
    String dom = chromium.dumpDom(url);
    assertThat(dom).contains("SUCCEEDED · step 5/40");
    assertPoints(chart(dom, "reward-chart"), "reward", REWARDS);
    assertPoints(chart(dom, "kl-chart"), "kl", KLS);
    String robustness = chart(dom, "robustness-chart");
    // misspelling noisy: (0.2+0.3)/2, (0.3+0.5)/2, (0.5+0.6)/2; word-dropout: (0.4+0.1)/2, ...
    assertPoints(robustness, "misspelling noisy", new double[] {0.25, 0.4, 0.55});
    assertPoints(robustness, "word-dropout noisy", new double[] {0.25, 0.35, 0.4});
    assertPoints(robustness, "misspelling clean", CLEAN);
    assertPoints(robustness, "word-dropout clean", CLEAN_DROPOUT);
    String families = chart(dom, "families-chart");
    // character: p0, p2; word: p1, p2 (p2 has a misspelling and a synonym); none: p3
    assertPoints(families, "character noisy", new double[] {0.25, 0.4, 0.55});
    assertPoints(families, "word noisy", new double[] {0.35, 0.475, 0.55});
    assertPoints(families, "none noisy", new double[] {0.1, 0.25, 0.3});
    assertPoints(families, "word clean", new double[] {0.55, 0.57, 0.6});
    assertPoints(families, "character clean", CLEAN);
    String strengths = chart(dom, "strengths-chart");
    assertThat(dom).contains("<span id=\"strengths-version\">v2</span>");
    // v2 at strengths 0.1 (noisy = clean), 0.4 (the curriculum's, NOISY[2]) and 0.8 (NOISY[2] -
    // 0.1)
    assertXs(strengths, "all noisy", new double[] {0.1, 0.4, 0.8});
    assertPoints(strengths, "all clean", new double[] {0.6, 0.6, 0.6});
    assertPoints(strengths, "all noisy", new double[] {0.6, 0.475, 0.375});
    assertPoints(strengths, "character noisy", new double[] {0.65, 0.55, 0.45});
    assertPoints(strengths, "word noisy", new double[] {0.6, 0.55, 0.45});
    assertPoints(strengths, "none noisy", new double[] {0.55, 0.3, 0.2});
    assertPoints(strengths, "word clean", new double[] {0.6, 0.6, 0.6});

    // kept under target/ so a CI run can be looked at
    Path png = Files.createDirectories(Path.of("target")).resolve("report-page.png");
    BufferedImage shot = chromium.screenshot(url, png);
    System.out.println("report page screenshot: " + png);
    assertThat(shot.getWidth()).isEqualTo(1200);
    // reward chart left, KL chart right, both above y=330; the robustness chart below them
    assertThat(pixels(shot, BLUE, 0, 600, 60, 330)).as("reward chart pixels").isGreaterThan(200);
    assertThat(pixels(shot, RED, 600, 1200, 60, 330)).as("KL chart pixels").isGreaterThan(200);
    assertThat(pixels(shot, BLUE, 0, 1200, 380, 680)).as("misspelling pixels").isGreaterThan(200);
    assertThat(pixels(shot, RED, 0, 1200, 380, 680)).as("word-dropout pixels").isGreaterThan(200);
  }

  @Test
  void thePageIsOpenAndAsksForAKeyWhenNoneIsGiven() throws Exception {
    TestClients.anonymous(port)
        .get()
        .uri("/ui/jobs/job-unknown")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.TEXT_HTML);
    String dom = chromium.dumpDom("http://localhost:" + port + "/ui/jobs/job-unknown");
    assertThat(dom).contains("An API key is needed");
    String unknown =
        chromium.dumpDom(
            "http://localhost:" + port + "/ui/jobs/job-unknown#key=" + TestClients.READ_KEY);
    assertThat(unknown).contains("Could not load the job: 404");
  }

  private static String submit(RestTestClient http) {
    // The curriculum's held-out strength is 0.4; every held-out prompt also at 0.1 and 0.8.
    String body =
        TestJobs.DEMO_JSON
            .replace("\"heldOutPrompts\":200", "\"heldOutPrompts\":4")
            .replace(
                "\"endStrength\":0.4}", "\"endStrength\":0.4},\"evaluationStrengths\":[0.1,0.8]");
    return JsonPath.read(
        http.post()
            .uri("/v1/jobs")
            .contentType(MediaType.APPLICATION_JSON)
            .body(body)
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody(),
        "$.id");
  }

  private static String field(RestTestClient http, String uri, String path) {
    String body =
        http.get().uri(uri).exchange().expectBody(String.class).returnResult().getResponseBody();
    return JsonPath.read(body, path);
  }

  private void publish(String id) {
    for (int s = 0; s < REWARDS.length; s++) {
      TrainingMetrics metrics =
          new TrainingMetrics(
              0.9, 0.85, KLS[s], 2.1, 0.05, 0.7, REWARDS[s], 0.1, 0.0, 0.4, 0, 850.0);
      long version = s + 1;
      kafka.send(
          Topics.ROLLOUTS,
          id,
          new Rollout(Envelope.create(), id, s + 1, version, 8L * (s + 1), metrics, List.of()));
    }
    checkpoint(id, 1, 3, false);
    checkpoint(id, 2, 5, true);
    for (int version = 0; version < NOISY.length; version++) {
      for (int p = 0; p < 4; p++) {
        String group = p % 2 == 0 ? "misspelling" : "word-dropout";
        kafka.send(
            Topics.EVALUATIONS,
            "p" + p,
            new EvaluationResult(
                Envelope.create(),
                id,
                "p" + p,
                group,
                version,
                p % 2 == 0 ? CLEAN[version] : CLEAN_DROPOUT[version],
                NOISY[version][p],
                "clean answer",
                "noisy answer",
                null,
                KINDS.get(p),
                0.4,
                null));
      }
    }
    // The copies at the job's evaluation strengths, under the last version only.
    for (int p = 0; p < 4; p++) {
      double clean = p % 2 == 0 ? CLEAN[2] : CLEAN_DROPOUT[2];
      sweep(id, p, 0.1, clean, clean);
      sweep(id, p, 0.8, clean, NOISY[2][p] - 0.1);
    }
    kafka.flush();
  }

  private void sweep(String id, int p, double strength, double clean, double noisy) {
    String promptId = "p" + p + "-at-" + strength;
    kafka.send(
        Topics.EVALUATIONS,
        promptId,
        new EvaluationResult(
            Envelope.create(),
            id,
            promptId,
            p % 2 == 0 ? "misspelling" : "word-dropout",
            2,
            clean,
            noisy,
            "clean answer",
            "noisy answer",
            null,
            KINDS.get(p),
            strength,
            true));
  }

  private void checkpoint(String id, long version, long step, boolean last) {
    kafka.send(
        Topics.CHECKPOINTS,
        id,
        new CheckpointEvent(
            Envelope.create(),
            id,
            version,
            step,
            "file:/tmp/tempered/" + id + "/v" + version + ".bin",
            "9f86d081",
            4096,
            0.5,
            0.9,
            last));
  }

  private static String chart(String dom, String svgId) {
    Matcher m =
        Pattern.compile("<svg id=\"" + svgId + "\"[^>]*>(.*?)</svg>", Pattern.DOTALL).matcher(dom);
    assertThat(m.find()).as("svg #%s in the DOM:%n%s", svgId, dom).isTrue();
    return m.group(1);
  }

  /** The series' circles, in order, sit at x = 1, 2, ... (steps) or 0, 1, ... (versions). */
  private static void assertPoints(String svg, String series, double[] expected) {
    Matcher g =
        Pattern.compile(
                "<g class=\"series\" data-series=\"" + series + "\">(.*?)</g>", Pattern.DOTALL)
            .matcher(svg);
    assertThat(g.find()).as("series %s in %s", series, svg).isTrue();
    Matcher point = Pattern.compile("<circle [^>]*data-y=\"([^\"]+)\"").matcher(g.group(1));
    List<Double> ys = new ArrayList<>();
    while (point.find()) {
      ys.add(Double.parseDouble(point.group(1)));
    }
    assertThat(ys).as("points of %s", series).hasSize(expected.length);
    for (int i = 0; i < expected.length; i++) {
      assertThat(ys.get(i)).as("%s point %d", series, i).isCloseTo(expected[i], within(1e-9));
    }
  }

  /** The series' circles sit at these x values, in order. */
  private static void assertXs(String svg, String series, double[] expected) {
    Matcher g =
        Pattern.compile(
                "<g class=\"series\" data-series=\"" + series + "\">(.*?)</g>", Pattern.DOTALL)
            .matcher(svg);
    assertThat(g.find()).as("series %s in %s", series, svg).isTrue();
    Matcher point = Pattern.compile("<circle [^>]*data-x=\"([^\"]+)\"").matcher(g.group(1));
    List<Double> xs = new ArrayList<>();
    while (point.find()) {
      xs.add(Double.parseDouble(point.group(1)));
    }
    assertThat(xs).as("x of %s", series).containsExactly(expected[0], expected[1], expected[2]);
  }

  /** Pixels of exactly {@code rgb} in the rectangle [x0, x1) x [y0, y1). */
  private static int pixels(BufferedImage image, int rgb, int x0, int x1, int y0, int y1) {
    int count = 0;
    for (int y = y0; y < Math.min(y1, image.getHeight()); y++) {
      for (int x = x0; x < Math.min(x1, image.getWidth()); x++) {
        if ((image.getRGB(x, y) & 0xffffff) == rgb) {
          count++;
        }
      }
    }
    return count;
  }
}

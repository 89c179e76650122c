package dev.tempered.reward.judge;

import java.net.URI;
import java.time.Duration;

/** Judge settings for tests: the defaults but for URL, timeout, attempts and back-off. */
final class JudgeSettings {

  static final String TEMPLATE = "P={prompt} C={candidate} R={reference}";

  private JudgeSettings() {}

  static LlmJudgeProperties of(URI url, Duration timeout, int attempts, Duration backoff) {
    return new LlmJudgeProperties(
        url, "stories260K", null, TEMPLATE, timeout, attempts, backoff, 2.0, 0, 8, null, 100);
  }
}

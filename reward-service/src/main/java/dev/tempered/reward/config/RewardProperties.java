package dev.tempered.reward.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the reward service under {@code tempered.reward}.
 *
 * @param concurrency consumer threads on {@code candidates}
 * @param seenMessageIds how many processed message ids are remembered for dedup
 * @param statisticsEvery training groups per job between info lines with mean components
 * @param chrfEpsSmoothing sacreBLEU's {@code eps_smoothing} for chrF and chrF++ (false, sacreBLEU's
 *     default)
 */
@ConfigurationProperties("tempered.reward")
public record RewardProperties(
    @DefaultValue("1") int concurrency,
    @DefaultValue("100000") int seenMessageIds,
    @DefaultValue("50") int statisticsEvery,
    @DefaultValue("false") boolean chrfEpsSmoothing) {

  public RewardProperties {
    if (concurrency < 1) {
      throw new IllegalArgumentException(
          "tempered.reward.concurrency must be >= 1, was " + concurrency);
    }
  }
}

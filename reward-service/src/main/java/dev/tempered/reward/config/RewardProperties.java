package dev.tempered.reward.config;

import java.nio.file.Path;
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
 * @param checkpointsDir the shared checkpoint directory the trainer writes reward models into
 *     ({@code <dir>/<jobId>/reward-v<version>/}); application.yml sets it to {@code
 *     tempered.checkpoint-dir}
 * @param modelsDir where the base models of the fluency component live; when unset, {@code models}
 *     under the shared directory
 * @param device DJL device of the model-based components: {@code cpu} or {@code gpu}
 */
@ConfigurationProperties("tempered.reward")
public record RewardProperties(
    @DefaultValue("1") int concurrency,
    @DefaultValue("100000") int seenMessageIds,
    @DefaultValue("50") int statisticsEvery,
    @DefaultValue("false") boolean chrfEpsSmoothing,
    @DefaultValue("${java.io.tmpdir}/tempered/checkpoints") Path checkpointsDir,
    Path modelsDir,
    @DefaultValue("cpu") String device) {

  public RewardProperties {
    if (concurrency < 1) {
      throw new IllegalArgumentException(
          "tempered.reward.concurrency must be >= 1, was " + concurrency);
    }
    if (!"cpu".equals(device) && !"gpu".equals(device)) {
      throw new IllegalArgumentException(
          "tempered.reward.device must be cpu or gpu, was " + device);
    }
  }
}

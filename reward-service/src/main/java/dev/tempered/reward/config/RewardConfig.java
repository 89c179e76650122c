package dev.tempered.reward.config;

import ai.djl.Device;
import dev.tempered.api.config.SharedResources;
import dev.tempered.reward.jobs.JobRegistry;
import dev.tempered.reward.judge.LlmJudge;
import dev.tempered.reward.judge.LlmJudgeProperties;
import dev.tempered.reward.model.JobModels;
import dev.tempered.reward.processing.CandidateGroupService;
import dev.tempered.reward.processing.ComponentStatistics;
import dev.tempered.reward.processing.ResultPublisher;
import dev.tempered.reward.processing.SeenMessageIds;
import dev.tempered.reward.scoring.ChrF;
import dev.tempered.reward.scoring.RewardComponents;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the Spring-free scoring and processing classes as beans. */
@Configuration(proxyBeanMethods = false)
class RewardConfig {

  @Bean
  JobRegistry jobRegistry() {
    return new JobRegistry();
  }

  @Bean
  LlmJudge llmJudge(LlmJudgeProperties judge, MeterRegistry registry) {
    return new LlmJudge(judge, registry);
  }

  @Bean
  RewardComponents rewardComponents(RewardProperties properties, LlmJudge judge) {
    return RewardComponents.with(
            new ChrF(ChrF.DEFAULT_CHAR_ORDER, ChrF.DEFAULT_BETA, properties.chrfEpsSmoothing()),
            ChrF.plusPlus(properties.chrfEpsSmoothing()))
        .withJudge(judge);
  }

  /** Nothing is loaded until a job weights fluency or reward-model. */
  @Bean(destroyMethod = "close")
  JobModels jobModels(RewardProperties properties) {
    return new JobModels(
        () ->
            properties.modelsDir() != null
                ? properties.modelsDir()
                : SharedResources.require().resolve("models"),
        properties.checkpointsDir(),
        "gpu".equals(properties.device()) ? Device.gpu() : Device.cpu());
  }

  @Bean
  CandidateGroupService candidateGroupService(
      JobRegistry jobs,
      RewardComponents components,
      JobModels models,
      RewardProperties properties,
      ResultPublisher publisher) {
    return new CandidateGroupService(
        jobs,
        components,
        models,
        new SeenMessageIds(properties.seenMessageIds()),
        new ComponentStatistics(properties.statisticsEvery()),
        publisher);
  }
}

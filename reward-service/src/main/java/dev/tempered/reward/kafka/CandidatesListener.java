package dev.tempered.reward.kafka;

import dev.tempered.api.message.CandidateGroup;
import dev.tempered.api.topic.Topics;
import dev.tempered.reward.processing.CandidateGroupService;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Feeds every candidate group from {@code candidates} to the scoring service. */
@Component
class CandidatesListener {

  private final CandidateGroupService service;

  CandidatesListener(CandidateGroupService service) {
    this.service = service;
  }

  @KafkaListener(
      id = "reward-candidates",
      topics = Topics.CANDIDATES,
      groupId = KafkaConfig.CONSUMER_GROUP,
      containerFactory = KafkaConfig.CANDIDATES_FACTORY)
  void onCandidates(CandidateGroup group) {
    service.handle(group);
  }
}

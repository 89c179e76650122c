package dev.tempered.gateway.kafka;

import dev.tempered.api.job.LabellingEvent;
import dev.tempered.api.message.Envelope;
import dev.tempered.api.message.ScoredGroup;
import dev.tempered.api.topic.Topics;
import dev.tempered.gateway.labelling.Labelling;
import dev.tempered.gateway.labelling.PairStore;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Feeds labelling: scored groups become offered pairs, and the labelling topic brings the offers
 * and labels of other gateways (this gateway's own come back too and change nothing).
 *
 * <p>Unlike every other gateway listener, scored groups are read in one group shared by all
 * gateways with committed offsets: the labelling topic, not the scored groups, holds the state, so
 * each group is considered once (by one gateway) and a restart neither re-reads the large scored
 * groups nor offers a group that was turned away while the job's queue was full.
 */
@Component
class LabellingListeners {

  private final Labelling labelling;
  private final PairStore pairs;

  LabellingListeners(Labelling labelling, PairStore pairs) {
    this.labelling = labelling;
    this.pairs = pairs;
  }

  static final String SCORED_GROUPS_GROUP = "gateway-labelling";

  /** Idempotent without a seen-set: a group whose pair id is known is not offered again. */
  @KafkaListener(
      id = "gateway-scored-groups",
      topics = Topics.SCORED_GROUPS,
      groupId = SCORED_GROUPS_GROUP,
      properties = "spring.json.value.default.type=dev.tempered.api.message.ScoredGroup")
  void onScoredGroup(ScoredGroup group) {
    checkSchema(group.envelope());
    labelling.onScoredGroup(group);
  }

  @KafkaListener(
      id = "gateway-labelling",
      topics = Topics.LABELLING,
      groupId = "#{@consumerGroups.of('labelling')}",
      properties = "spring.json.value.default.type=dev.tempered.api.job.LabellingEvent")
  void onLabelling(LabellingEvent event) {
    checkSchema(event.envelope());
    pairs.apply(event);
  }

  private static void checkSchema(Envelope envelope) {
    if (envelope != null && envelope.schemaVersion() > Envelope.CURRENT_SCHEMA_VERSION) {
      throw new UnsupportedSchemaException(envelope.schemaVersion());
    }
  }
}

package dev.tempered.sampler.kafka;

import dev.tempered.api.message.NoisyInput;
import dev.tempered.api.topic.Topics;
import dev.tempered.sampler.worker.BatchOutcome;
import dev.tempered.sampler.worker.SamplingWorker;
import java.util.List;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

/**
 * Takes noisy inputs a poll at a time so the model thread can sample them in one wide call. Records
 * before the first bad one are processed; the bad one is named to the error handler, which commits
 * what came before it, dead-letters it and redelivers the rest (skipped by message id if done).
 */
@Component
class NoisyInputsListener {

  private static final LogAccessor LOG =
      new LogAccessor(LogFactory.getLog(NoisyInputsListener.class));

  private final SamplingWorker worker;

  NoisyInputsListener(SamplingWorker worker) {
    this.worker = worker;
  }

  @KafkaListener(
      topics = Topics.NOISY_INPUTS,
      groupId = "sampler-service",
      containerFactory = KafkaConfig.NOISY_INPUTS_FACTORY)
  void onInputs(List<ConsumerRecord<String, NoisyInput>> records) {
    int firstBad = 0;
    RuntimeException problem = null;
    for (; firstBad < records.size(); firstBad++) {
      problem = problemWith(records.get(firstBad));
      if (problem != null) {
        break;
      }
    }
    List<ConsumerRecord<String, NoisyInput>> good = records.subList(0, firstBad);
    BatchOutcome outcome = worker.accept(good.stream().map(ConsumerRecord::value).toList());
    if (!outcome.allDone()) {
      ConsumerRecord<String, NoisyInput> failed = good.get(outcome.firstFailed());
      throw new BatchListenerFailedException(
          "noisy input " + failed.key() + " was not sampled", outcome.cause(), failed);
    }
    if (problem != null) {
      throw new BatchListenerFailedException(problem.getMessage(), problem, records.get(firstBad));
    }
  }

  /** Why a record cannot be sampled, or null when it can. */
  private static RuntimeException problemWith(ConsumerRecord<String, NoisyInput> record) {
    DeserializationException failure =
        SerializationUtils.getExceptionFromHeader(
            record, SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG);
    if (failure != null) {
      return failure;
    }
    NoisyInput input = record.value();
    if (input == null
        || input.envelope() == null
        || input.envelope().messageId() == null
        || input.jobId() == null
        || input.promptId() == null
        || input.split() == null) {
      return new InvalidRecordException(
          "noisy input "
              + record.key()
              + " at "
              + record.topic()
              + "-"
              + record.partition()
              + "@"
              + record.offset()
              + " lacks envelope.messageId, jobId, promptId or split");
    }
    return null;
  }
}

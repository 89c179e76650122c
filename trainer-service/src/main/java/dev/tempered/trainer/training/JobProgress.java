package dev.tempered.trainer.training;

import dev.tempered.api.job.JobRecord;
import dev.tempered.api.message.ScoredGroup;
import java.util.ArrayList;
import java.util.List;

/** What the coordinator tracks per job: its record, waiting groups, counters and the trainer. */
final class JobProgress {

  JobRecord record;
  GroupTrainer trainer;
  final List<ScoredGroup> waiting = new ArrayList<>();
  long groupsConsumed;
  long droppedStale;
  long skippedNonFinite;
  int nonFiniteInARow;
  boolean done;
}

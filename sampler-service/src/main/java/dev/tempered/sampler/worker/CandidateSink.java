package dev.tempered.sampler.worker;

import dev.tempered.api.message.CandidateGroup;
import java.util.List;

/** Where candidate groups go; returns once every group is durably published or throws. */
public interface CandidateSink {

  void publish(List<CandidateGroup> groups);
}

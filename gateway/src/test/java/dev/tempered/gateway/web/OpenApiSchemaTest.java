package dev.tempered.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tempered.api.job.CurriculumSpec;
import dev.tempered.api.job.DatasetSpec;
import dev.tempered.api.job.FieldError;
import dev.tempered.api.job.JobSpec;
import dev.tempered.api.job.LabellingSpec;
import dev.tempered.api.job.NoiseOperatorSpec;
import dev.tempered.api.job.NoiseSpec;
import dev.tempered.api.job.PpoSpec;
import dev.tempered.api.job.RewardModelSpec;
import dev.tempered.api.job.RewardSpec;
import dev.tempered.api.job.SamplingSpec;
import dev.tempered.api.job.TrainingSpec;
import dev.tempered.api.message.TrainingMetrics;
import dev.tempered.gateway.events.CheckpointDetail;
import dev.tempered.gateway.events.CheckpointList;
import dev.tempered.gateway.events.EventPage;
import dev.tempered.gateway.events.JobEventView;
import dev.tempered.gateway.job.CheckpointView;
import dev.tempered.gateway.job.JobList;
import dev.tempered.gateway.job.JobView;
import dev.tempered.gateway.labelling.LabelRequest;
import dev.tempered.gateway.labelling.PairPage;
import dev.tempered.gateway.labelling.PairView;
import dev.tempered.gateway.report.Comparison;
import dev.tempered.gateway.report.ConfidenceInterval;
import dev.tempered.gateway.report.GroupSummary;
import dev.tempered.gateway.report.RobustnessReport;
import dev.tempered.gateway.report.StrengthSummary;
import dev.tempered.gateway.report.VersionSummary;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/** Each schema of openapi.yaml lists exactly the fields of the record that is serialised. */
class OpenApiSchemaTest {

  private static final Map<String, Class<?>> RECORDS =
      Map.ofEntries(
          Map.entry("JobSpec", JobSpec.class),
          Map.entry("DatasetSpec", DatasetSpec.class),
          Map.entry("NoiseSpec", NoiseSpec.class),
          Map.entry("NoiseOperatorSpec", NoiseOperatorSpec.class),
          Map.entry("CurriculumSpec", CurriculumSpec.class),
          Map.entry("SamplingSpec", SamplingSpec.class),
          Map.entry("RewardSpec", RewardSpec.class),
          Map.entry("LabellingSpec", LabellingSpec.class),
          Map.entry("TrainingSpec", TrainingSpec.class),
          Map.entry("PpoSpec", PpoSpec.class),
          Map.entry("RewardModelSpec", RewardModelSpec.class),
          Map.entry("JobView", JobView.class),
          Map.entry("JobList", JobList.class),
          Map.entry("CheckpointView", CheckpointView.class),
          Map.entry("TrainingMetrics", TrainingMetrics.class),
          Map.entry("RobustnessReport", RobustnessReport.class),
          Map.entry("VersionSummary", VersionSummary.class),
          Map.entry("GroupSummary", GroupSummary.class),
          Map.entry("StrengthSummary", StrengthSummary.class),
          Map.entry("Comparison", Comparison.class),
          Map.entry("ConfidenceInterval", ConfidenceInterval.class),
          Map.entry("FieldError", FieldError.class),
          Map.entry("EventPage", EventPage.class),
          Map.entry("JobEvent", JobEventView.class),
          Map.entry("CheckpointList", CheckpointList.class),
          Map.entry("CheckpointDetail", CheckpointDetail.class),
          Map.entry("PairPage", PairPage.class),
          Map.entry("Pair", PairView.class),
          Map.entry("LabelRequest", LabelRequest.class));

  @ParameterizedTest
  @ValueSource(
      strings = {
        "JobSpec",
        "DatasetSpec",
        "NoiseSpec",
        "NoiseOperatorSpec",
        "CurriculumSpec",
        "SamplingSpec",
        "RewardSpec",
        "LabellingSpec",
        "TrainingSpec",
        "PpoSpec",
        "RewardModelSpec",
        "JobView",
        "JobList",
        "CheckpointView",
        "TrainingMetrics",
        "RobustnessReport",
        "VersionSummary",
        "GroupSummary",
        "StrengthSummary",
        "Comparison",
        "ConfidenceInterval",
        "FieldError",
        "EventPage",
        "JobEvent",
        "CheckpointList",
        "CheckpointDetail",
        "PairPage",
        "Pair",
        "LabelRequest"
      })
  void schemaPropertiesAreTheRecordComponents(String schema) throws IOException {
    @SuppressWarnings("unchecked")
    Map<String, Object> properties = (Map<String, Object>) schemas().get(schema).get("properties");
    String[] components =
        Arrays.stream(RECORDS.get(schema).getRecordComponents())
            .map(RecordComponent::getName)
            .toArray(String[]::new);

    assertThat(properties.keySet()).containsExactlyInAnyOrder(components);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> schemas() throws IOException {
    try (InputStream in = OpenApiSchemaTest.class.getResourceAsStream("/static/openapi.yaml")) {
      Map<String, Object> doc = new Yaml().load(in);
      return (Map<String, Map<String, Object>>)
          ((Map<String, Object>) doc.get("components")).get("schemas");
    }
  }
}

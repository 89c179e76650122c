package dev.tempered.launcher.job;

import dev.tempered.api.job.JobSpec;
import dev.tempered.api.job.JobSpecValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * A job spec file as JSON: read, adjusted by {@code path=value} overrides, and checked with the
 * same {@link JobSpecValidator} the gateway runs, so a bad file fails before anything starts.
 */
public final class JobFile {

  private JobFile() {}

  /** The file's JSON object; the error names the file and what is wrong with it. */
  public static ObjectNode read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("job file " + file + " does not exist");
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read job file " + file + ": " + e.getMessage(), e);
    }
    try {
      JsonNode node = Json.MAPPER.readTree(text);
      if (!(node instanceof ObjectNode object)) {
        throw new IllegalArgumentException("job file " + file + " must hold one JSON object");
      }
      return object;
    } catch (JacksonException e) {
      throw new IllegalArgumentException(
          "job file " + file + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Sets the value at a dotted path (e.g. {@code training.steps}), creating objects on the way. The
   * value is read as JSON when it parses as a number, boolean or literal, else kept as a string.
   */
  public static void override(ObjectNode job, String dottedPath, String value) {
    String[] parts = dottedPath.split("\\.");
    ObjectNode parent = job;
    for (int i = 0; i < parts.length - 1; i++) {
      if (parts[i].isEmpty()) {
        throw new IllegalArgumentException("bad override path '" + dottedPath + "'");
      }
      parent = parent.withObjectProperty(parts[i]);
    }
    parent.set(parts[parts.length - 1], scalar(value));
  }

  /**
   * Every problem with the job, each as {@code field: message}; empty when the gateway would accept
   * it.
   */
  public static List<String> problems(ObjectNode job) {
    JobSpec spec;
    try {
      spec = Json.MAPPER.treeToValue(job, JobSpec.class);
    } catch (JacksonException e) {
      return List.of(fieldPath(e) + ": " + e.getOriginalMessage());
    }
    return JobSpecValidator.validate(spec).stream()
        .map(error -> error.field() + ": " + error.message())
        .toList();
  }

  /**
   * The JSON path of a mapping error as the validator writes paths: {@code
   * noise.operators[0].kind}.
   */
  private static String fieldPath(JacksonException e) {
    StringBuilder path = new StringBuilder();
    for (JacksonException.Reference reference : e.getPath()) {
      if (reference.getPropertyName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(reference.getPropertyName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.length() == 0 ? "(job)" : path.toString();
  }

  private static JsonNode scalar(String value) {
    try {
      JsonNode parsed = Json.MAPPER.readTree(value);
      if (parsed != null && parsed.isValueNode()) {
        return parsed;
      }
    } catch (JacksonException e) {
      // Not JSON: a plain word such as a schedule name.
    }
    return StringNode.valueOf(value);
  }
}

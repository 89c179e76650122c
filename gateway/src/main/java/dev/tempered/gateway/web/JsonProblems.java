package dev.tempered.gateway.web;

import dev.tempered.api.job.FieldError;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns a failure to read a JSON body into field errors that name the field by its dotted path
 * ({@code noise.operators[0].weight}) and say what was wrong, without Java class names.
 */
final class JsonProblems {

  private JsonProblems() {}

  static FieldError describe(Throwable failure) {
    JacksonException jackson = find(failure);
    if (jackson == null) {
      return new FieldError("", "a JSON request body is required");
    }
    String field = path(jackson.getPath());
    if (jackson instanceof UnrecognizedPropertyException unknown) {
      Collection<Object> known = unknown.getKnownPropertyIds();
      return new FieldError(
          field,
          "unknown property '"
              + unknown.getPropertyName()
              + "'"
              + (known == null
                  ? ""
                  : "; known: " + new TreeSet<>(known.stream().map(String::valueOf).toList())));
    }
    if (jackson instanceof MismatchedInputException mismatch) {
      String expected = "expected " + describe(mismatch.getTargetType());
      return new FieldError(
          field,
          mismatch.getCurrentToken() == JsonToken.VALUE_NULL
              ? "must not be null; " + expected
              : expected);
    }
    if (jackson instanceof StreamReadException) {
      return new FieldError(field, "malformed JSON: " + jackson.getOriginalMessage());
    }
    return new FieldError(field, jackson.getOriginalMessage());
  }

  /** {@code a.b[2].c} from Jackson's reference chain. */
  static String path(List<JacksonException.Reference> references) {
    StringBuilder path = new StringBuilder();
    for (JacksonException.Reference ref : references) {
      if (ref.getPropertyName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(ref.getPropertyName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  static String describe(Class<?> type) {
    if (type == null) {
      return "a different value";
    }
    if (type == int.class
        || type == long.class
        || type == Integer.class
        || type == Long.class
        || type == short.class
        || type == Short.class) {
      return "an integer";
    }
    if (type == double.class
        || type == float.class
        || type == Double.class
        || type == Float.class) {
      return "a number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "a boolean";
    }
    if (type == String.class) {
      return "a string";
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "an array";
    }
    if (Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "an object";
    }
    return "a value of type " + type.getSimpleName();
  }

  private static JacksonException find(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof JacksonException jackson) {
        return jackson;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }
}

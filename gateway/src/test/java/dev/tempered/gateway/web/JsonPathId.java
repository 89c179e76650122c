package dev.tempered.gateway.web;

import com.jayway.jsonpath.JsonPath;

/** The {@code id} of a job view body. */
final class JsonPathId {

  private JsonPathId() {}

  static String of(String body) {
    return JsonPath.read(body, "$.id");
  }
}

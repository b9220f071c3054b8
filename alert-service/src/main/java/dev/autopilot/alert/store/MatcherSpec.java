package dev.autopilot.alert.store;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A matcher as Alertmanager's API v2 writes it: {@code {"name","value","isRegex","isEqual"}};
 * {@code isEqual} defaults to true.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record MatcherSpec(
    String name,
    String value,
    @JsonProperty("isRegex") Boolean isRegex,
    @JsonProperty("isEqual") Boolean isEqual) {

  /** Whether the value is a regular expression. */
  public boolean regex() {
    return Boolean.TRUE.equals(isRegex);
  }

  /** Whether the matcher is positive ({@code =}/{@code =~}); default true. */
  public boolean equal() {
    return isEqual == null || isEqual;
  }
}

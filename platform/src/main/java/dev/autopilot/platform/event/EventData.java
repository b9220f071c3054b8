package dev.autopilot.platform.event;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** The JSON {@code data} of one catalog event: knows its topic and its subject (the Kafka key). */
public interface EventData {
  /** The topic this event travels on. */
  @JsonIgnore
  String topic();

  /**
   * The subject that orders this event: service/environment, target id, backup source, alert id.
   */
  @JsonIgnore
  String subject();

  /** The CloudEvents type of this event. */
  @JsonIgnore
  default String type() {
    return Topics.typeOf(topic());
  }
}

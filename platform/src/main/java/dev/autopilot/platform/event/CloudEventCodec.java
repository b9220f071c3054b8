package dev.autopilot.platform.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.autopilot.platform.consume.PermanentEventException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** Encodes event data as CloudEvents binary-mode headers + JSON, and decodes records back. */
@ApplicationScoped
public class CloudEventCodec {
  private final ObjectMapper mapper;
  private final Validator validator;

  public CloudEventCodec(ObjectMapper mapper, Validator validator) {
    this.mapper = mapper;
    this.validator = validator;
  }

  /** The JSON bytes of an event's data. */
  public byte[] encode(EventData data) {
    try {
      return mapper.writeValueAsBytes(data);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize " + data.getClass().getSimpleName(), e);
    }
  }

  /** The binary-mode headers for a new event with the given id, source and trace. */
  public Map<String, String> headers(
      EventData data, String id, String source, Instant time, String traceparent) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(CloudEventHeaders.SPECVERSION, CloudEventHeaders.SPEC_1_0);
    headers.put(CloudEventHeaders.ID, id);
    headers.put(CloudEventHeaders.SOURCE, source);
    headers.put(CloudEventHeaders.TYPE, data.type());
    if (data.subject() != null) {
      headers.put(CloudEventHeaders.SUBJECT, data.subject());
    }
    headers.put(CloudEventHeaders.TIME, time.toString());
    headers.put(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
    if (traceparent != null) {
      headers.put(CloudEventHeaders.TRACEPARENT, traceparent);
    }
    return headers;
  }

  /**
   * Decodes and validates a consumed record.
   *
   * @throws PermanentEventException when the record can never be processed; the message says why
   */
  public <T> CloudEvent<T> decode(ConsumerRecord<String, byte[]> record, Class<T> type) {
    String topic = record.topic();
    String specversion = header(record, CloudEventHeaders.SPECVERSION);
    if (specversion == null && !Topics.PLAIN_JSON_ACCEPTED.contains(topic)) {
      throw new PermanentEventException(
          "missing CloudEvents header ce_specversion: topic " + topic + " needs CloudEvents");
    }
    T data = parse(record.value(), type);
    if (specversion == null) {
      String id =
          UUID.nameUUIDFromBytes(
                  (topic + ":" + record.partition() + ":" + record.offset())
                      .getBytes(StandardCharsets.UTF_8))
              .toString();
      return new CloudEvent<>(
          id,
          "/plain-json",
          Topics.typeOf(topic),
          record.key(),
          Instant.ofEpochMilli(record.timestamp()),
          header(record, CloudEventHeaders.TRACEPARENT),
          true,
          data);
    }
    if (!CloudEventHeaders.SPEC_1_0.equals(specversion)) {
      throw new PermanentEventException("unsupported ce_specversion '" + specversion + "'");
    }
    String id = required(record, CloudEventHeaders.ID);
    String source = required(record, CloudEventHeaders.SOURCE);
    String ceType = required(record, CloudEventHeaders.TYPE);
    if (!Topics.typeOf(topic).equals(ceType)) {
      throw new PermanentEventException(
          "ce_type '" + ceType + "' is not " + Topics.typeOf(topic) + " expected on " + topic);
    }
    Instant time = null;
    String rawTime = header(record, CloudEventHeaders.TIME);
    if (rawTime != null) {
      try {
        time = Instant.parse(rawTime);
      } catch (DateTimeParseException e) {
        throw new PermanentEventException("ce_time '" + rawTime + "' is not an RFC 3339 UTC time");
      }
    }
    return new CloudEvent<>(
        id,
        source,
        ceType,
        printable(CloudEventHeaders.SUBJECT, header(record, CloudEventHeaders.SUBJECT)),
        time,
        header(record, CloudEventHeaders.TRACEPARENT),
        false,
        data);
  }

  private <T> T parse(byte[] value, Class<T> type) {
    if (value == null || value.length == 0) {
      throw new PermanentEventException("empty record value: expected JSON data");
    }
    T data;
    try {
      // Unknown fields are ignored by contract (EVENTS.md), whatever the mapper's defaults.
      data =
          mapper
              .readerFor(type)
              .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
              .readValue(value);
    } catch (MismatchedInputException e) {
      throw new PermanentEventException(
          "invalid data at " + path(e) + ": " + e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      throw new PermanentEventException("malformed JSON: " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw new PermanentEventException("unreadable data: " + e.getMessage());
    }
    if (data == null) {
      throw new PermanentEventException("record value is JSON null: expected an object");
    }
    Set<ConstraintViolation<T>> violations = validator.validate(data);
    if (!violations.isEmpty()) {
      throw new PermanentEventException(
          "invalid data: "
              + violations.stream()
                  .map(v -> v.getPropertyPath() + " " + v.getMessage())
                  .sorted()
                  .collect(Collectors.joining("; ")));
    }
    return data;
  }

  private static String path(MismatchedInputException e) {
    String path =
        e.getPath().stream()
            .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
            .collect(Collectors.joining("."));
    return path.isEmpty() ? "$" : path;
  }

  private static String required(ConsumerRecord<String, byte[]> record, String name) {
    String value = header(record, name);
    if (value == null || value.isBlank()) {
      throw new PermanentEventException("missing CloudEvents header " + name);
    }
    return printable(name, value);
  }

  /**
   * A header value without control characters: CloudEvents attributes are printable text, and a NUL
   * in an id or subject could never be stored (Postgres refuses it), so such a record is refused
   * here instead of failing every retry.
   */
  private static String printable(String name, String value) {
    if (value != null && value.chars().anyMatch(Character::isISOControl)) {
      throw new PermanentEventException(
          "CloudEvents header " + name + " contains control characters");
    }
    return value;
  }

  /** The last value of a header as UTF-8 text, or null. */
  public static String header(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null || header.value() == null
        ? null
        : new String(header.value(), StandardCharsets.UTF_8);
  }
}

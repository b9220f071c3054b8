package dev.autopilot.platform.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/events.asyncapi.yaml and the code one catalog: every topic of {@link Topics#ALL} is a
 * channel there and nothing else is; every event record's fields, their JSON types, enum values and
 * required-ness (Bean Validation) are the message payload's schema there, and the reverse. Adding a
 * field or topic in code without the document (or the other way round) fails here.
 *
 * <p>The schema expected of a record is derived from the record itself (the same mapping Jackson
 * applies: Instant as an RFC 3339 string, UUID as a string, Map as an object of strings…). {@code
 * main} prints that derivation as YAML, to start a new message's schema from.
 */
class AsyncApiDocumentTest {
  static final Path DOCUMENT = Path.of("..", "docs", "events.asyncapi.yaml");
  static JsonNode document;
  static Map<String, Class<? extends EventData>> recordsByTopic;

  @BeforeAll
  static void load() throws Exception {
    document = new ObjectMapper(new YAMLFactory()).readTree(DOCUMENT.toFile());
    recordsByTopic = eventRecords();
  }

  /** Every EventData record in event/v1, by its topic (read from the compiled package). */
  static Map<String, Class<? extends EventData>> eventRecords()
      throws URISyntaxException, java.io.IOException, ReflectiveOperationException {
    Path dir =
        Path.of(
            AsyncApiDocumentTest.class
                .getClassLoader()
                .getResource("dev/autopilot/platform/event/v1")
                .toURI());
    Map<String, Class<? extends EventData>> byTopic = new TreeMap<>();
    try (var files = Files.list(dir)) {
      for (Path file : files.toList()) {
        String name = file.getFileName().toString();
        if (!name.endsWith(".class") || name.contains("$")) {
          continue;
        }
        Class<?> type =
            Class.forName("dev.autopilot.platform.event.v1." + name.replace(".class", ""));
        if (type.isRecord() && EventData.class.isAssignableFrom(type)) {
          @SuppressWarnings("unchecked")
          Class<? extends EventData> event = (Class<? extends EventData>) type;
          Object[] nulls = new Object[type.getRecordComponents().length];
          Class<?>[] types =
              Arrays.stream(type.getRecordComponents())
                  .map(RecordComponent::getType)
                  .toArray(Class<?>[]::new);
          EventData instance = event.getDeclaredConstructor(types).newInstance(nulls);
          byTopic.put(instance.topic(), event);
        }
      }
    }
    return byTopic;
  }

  static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** The JSON schema Jackson's serialization of a record implies. */
  static ObjectNode schemaOf(Class<?> record) {
    ObjectNode schema = JSON.objectNode().put("type", "object");
    ObjectNode properties = schema.putObject("properties");
    ArrayNode required = JSON.arrayNode();
    for (RecordComponent component : record.getRecordComponents()) {
      properties.set(component.getName(), schemaOf(component.getGenericType()));
      if (component.isAnnotationPresent(NotNull.class)
          || component.isAnnotationPresent(NotBlank.class)
          || component.isAnnotationPresent(NotEmpty.class)) {
        required.add(component.getName());
      }
    }
    if (!required.isEmpty()) {
      schema.set("required", required);
    }
    return schema;
  }

  static ObjectNode schemaOf(Type type) {
    if (type instanceof ParameterizedType parameterized) {
      Class<?> raw = (Class<?>) parameterized.getRawType();
      Type argument =
          parameterized.getActualTypeArguments()[parameterized.getActualTypeArguments().length - 1];
      if (List.class.isAssignableFrom(raw)) {
        ObjectNode schema = JSON.objectNode().put("type", "array");
        schema.set("items", schemaOf(argument));
        return schema;
      }
      if (Map.class.isAssignableFrom(raw)) {
        ObjectNode schema = JSON.objectNode().put("type", "object");
        schema.set("additionalProperties", schemaOf(argument));
        return schema;
      }
    }
    Class<?> raw = (Class<?>) type;
    if (raw == String.class) {
      return JSON.objectNode().put("type", "string");
    }
    if (raw == UUID.class) {
      return JSON.objectNode().put("type", "string").put("format", "uuid");
    }
    if (raw == Instant.class) {
      return JSON.objectNode().put("type", "string").put("format", "date-time");
    }
    if (raw == Integer.class || raw == Long.class || raw == int.class || raw == long.class) {
      return JSON.objectNode().put("type", "integer");
    }
    if (raw == Double.class || raw == double.class) {
      return JSON.objectNode().put("type", "number");
    }
    if (raw == Boolean.class || raw == boolean.class) {
      return JSON.objectNode().put("type", "boolean");
    }
    if (raw.isEnum()) {
      ObjectNode schema = JSON.objectNode().put("type", "string");
      ArrayNode values = schema.putArray("enum");
      Arrays.stream(raw.getEnumConstants()).forEach(c -> values.add(((Enum<?>) c).name()));
      return schema;
    }
    if (raw.isRecord()) {
      return schemaOf(raw);
    }
    throw new AssertionError(
        "no JSON schema mapping for " + raw + "; add one here and in the document");
  }

  /**
   * The document's schema of a node with $refs resolved and descriptions dropped (but not a
   * property that is called "description").
   */
  static JsonNode resolved(JsonNode node) {
    return resolved(node, false);
  }

  private static JsonNode resolved(JsonNode node, boolean propertyNames) {
    if (node.isObject()) {
      if (node.has("$ref")) {
        return resolved(refTarget(node.get("$ref").asText()));
      }
      ObjectNode copy = JSON.objectNode();
      node.fields()
          .forEachRemaining(
              e -> {
                if (propertyNames
                    || !List.of("description", "examples", "title").contains(e.getKey())) {
                  copy.set(e.getKey(), resolved(e.getValue(), e.getKey().equals("properties")));
                }
              });
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = JSON.arrayNode();
      node.forEach(n -> copy.add(resolved(n)));
      return copy;
    }
    return node;
  }

  static JsonNode refTarget(String ref) {
    assertThat(ref).startsWith("#/");
    JsonNode target = document.at(ref.substring(1));
    assertThat(target.isMissingNode()).as("%s resolves", ref).isFalse();
    return target;
  }

  @Test
  void every_topic_in_code_is_a_channel_and_every_channel_is_a_topic_in_code() {
    List<String> addresses = new ArrayList<>();
    document.get("channels").forEach(c -> addresses.add(c.get("address").asText()));
    assertThat(addresses).hasSameElementsAs(Topics.ALL);
    assertThat(recordsByTopic.keySet()).hasSameElementsAs(Topics.ALL);
  }

  @Test
  void every_message_payload_is_its_record_field_for_field() {
    document
        .get("channels")
        .fields()
        .forEachRemaining(
            channel -> {
              String topic = channel.getValue().get("address").asText();
              JsonNode messages = channel.getValue().get("messages");
              assertThat(messages).as("messages of %s", topic).hasSize(1);
              JsonNode message = resolved(messages.elements().next());
              assertThat(message.get("payload"))
                  .as("payload of %s (record %s)", topic, recordsByTopic.get(topic).getSimpleName())
                  .isEqualTo(schemaOf(recordsByTopic.get(topic)));
              assertThat(
                      message.get("headers").get("properties").get("ce_type").get("const").asText())
                  .isEqualTo(Topics.typeOf(topic));
            });
  }

  @Test
  void every_channel_has_a_send_or_receive_operation() {
    List<String> operated = new ArrayList<>();
    document.get("operations").forEach(op -> operated.add(op.get("channel").get("$ref").asText()));
    document
        .get("channels")
        .fieldNames()
        .forEachRemaining(name -> assertThat(operated).contains("#/channels/" + name));
    assertThat(document.get("asyncapi").asText()).startsWith("3.");
  }

  /** Prints the payload schema of every record, as a start for a new message in the document. */
  public static void main(String[] args) throws Exception {
    var yaml = new ObjectMapper(new YAMLFactory());
    for (var e : eventRecords().entrySet()) {
      System.out.println("# " + e.getKey() + " (" + e.getValue().getSimpleName() + ")");
      System.out.println(yaml.writeValueAsString(schemaOf(e.getValue())));
    }
  }
}

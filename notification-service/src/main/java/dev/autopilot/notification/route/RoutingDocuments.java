package dev.autopilot.notification.route;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.autopilot.platform.problem.Problem.FieldError;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads and writes routing documents (YAML, of which JSON is a subset) with Jackson's YAML format,
 * strictly: an unknown key is an error naming its path, so a typo like {@code group_wiat} does not
 * silently fall back to a default.
 */
public final class RoutingDocuments {
  private static final ObjectMapper YAML =
      configure(
          new ObjectMapper(
              YAMLFactory.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).build()));
  private static final ObjectMapper JSON = configure(new ObjectMapper());

  private RoutingDocuments() {}

  private static ObjectMapper configure(ObjectMapper mapper) {
    return mapper
        .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .setSerializationInclusion(JsonInclude.Include.NON_NULL)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
  }

  /**
   * Parses and compiles a document.
   *
   * @throws InvalidRoutingException naming where the text is wrong
   */
  public static CompiledRouting compile(String text) {
    return RoutingCompiler.compile(parse(text));
  }

  /** Parses a document without compiling it. */
  public static RoutingDocument parse(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidRoutingException(List.of(new FieldError("$", "document is empty")));
    }
    try {
      return YAML.readValue(text, RoutingDocument.class);
    } catch (JsonMappingException e) {
      String path =
          e.getPath().stream()
              .map(
                  r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
              .collect(Collectors.joining());
      String field = path.isEmpty() ? "$" : path.substring(path.startsWith(".") ? 1 : 0);
      String message = e.getOriginalMessage();
      if (message != null && message.startsWith("Unrecognized field")) {
        message = "is not a known key";
      }
      throw new InvalidRoutingException(List.of(new FieldError(field, firstLine(message))));
    } catch (JsonProcessingException e) {
      throw new InvalidRoutingException(
          List.of(new FieldError("$", "is not valid YAML: " + firstLine(e.getOriginalMessage()))));
    }
  }

  /** The document as YAML. */
  public static String yaml(RoutingDocument doc) {
    try {
      return YAML.writeValueAsString(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The document as JSON (snake_case keys, as in YAML). */
  public static String json(RoutingDocument doc) {
    try {
      return JSON.writeValueAsString(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "is invalid";
    }
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl);
  }
}

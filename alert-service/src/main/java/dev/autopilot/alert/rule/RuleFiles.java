package dev.autopilot.alert.rule;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.autopilot.alert.ingest.alertmanager.SeverityMapping;
import dev.autopilot.platform.event.v1.Severity;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads Prometheus rule files ({@code groups: - name, interval, rules: - alert, expr, for,
 * keep_firing_for, labels, annotations}) as {@code prometheus} rules, so existing files drop in.
 * Recording rules ({@code record:}) are skipped. Two optional keys per rule are ours: {@code
 * source} (samples/events) with {@code samples}/{@code event} and {@code comparison}/{@code
 * threshold}. Errors name the file, the line and the field ({@code groups[0].rules[2].for}).
 */
public final class RuleFiles {
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
  private static final SeverityMapping SEVERITIES = new SeverityMapping(Severity.P2);

  private RuleFiles() {}

  /** A rule file. */
  @RegisterForReflection
  record Document(List<Group> groups) {}

  /** A rule group. */
  @RegisterForReflection
  record Group(
      @JsonProperty(required = true) String name,
      PromDuration interval,
      Integer limit,
      @JsonProperty("query_offset") PromDuration queryOffset,
      List<FileRule> rules) {
    Group {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("name: must not be empty");
      }
    }
  }

  /** A rule as written in the file; validated on construction so errors carry the location. */
  @RegisterForReflection
  record FileRule(
      String alert,
      String record,
      String expr,
      @JsonProperty("for") PromDuration forDuration,
      @JsonProperty("keep_firing_for") PromDuration keepFiringFor,
      Map<String, String> labels,
      Map<String, String> annotations,
      String source,
      SamplesExpr samples,
      EventExpr event,
      String comparison,
      Double threshold) {
    FileRule {
      if (alert == null && record == null) {
        throw new IllegalArgumentException("alert: one of alert or record is required");
      }
      if (alert != null) {
        // Compiled here so that an error carries this rule's location in the file.
        RuleCompiler.compile(
            definition(
                alert,
                expr,
                forDuration,
                keepFiringFor,
                labels,
                annotations,
                source,
                samples,
                event,
                comparison,
                threshold,
                "check",
                null),
            "file",
            Duration.ofMinutes(1));
      }
    }

    RuleDefinition definition(String group, PromDuration interval) {
      return definition(
          alert,
          expr,
          forDuration,
          keepFiringFor,
          labels,
          annotations,
          source,
          samples,
          event,
          comparison,
          threshold,
          group,
          interval);
    }

    @SuppressWarnings("checkstyle:ParameterNumber")
    private static RuleDefinition definition(
        String alert,
        String expr,
        PromDuration forDuration,
        PromDuration keepFiringFor,
        Map<String, String> labels,
        Map<String, String> annotations,
        String source,
        SamplesExpr samples,
        EventExpr event,
        String comparison,
        Double threshold,
        String group,
        PromDuration interval) {
      Map<String, String> l = labels == null ? Map.of() : labels;
      String src = source == null ? Rule.PROMETHEUS : source;
      return new RuleDefinition(
          alert,
          group,
          src,
          Rule.PROMETHEUS.equals(src) ? expr : null,
          samples,
          event,
          comparison,
          threshold,
          forDuration == null ? null : forDuration.text(),
          keepFiringFor == null ? null : keepFiringFor.text(),
          interval == null ? null : interval.text(),
          SEVERITIES.map(l.get("severity")),
          l,
          annotations);
    }
  }

  /**
   * Parses a rule file.
   *
   * @param file the name errors use
   * @throws InvalidRuleException whose field is {@code file:line: path}
   */
  public static List<Rule> parse(String file, String yaml, Duration defaultInterval) {
    Document doc;
    try {
      doc = YAML.readValue(yaml, Document.class);
    } catch (JsonProcessingException e) {
      throw located(file, e);
    }
    List<Rule> rules = new ArrayList<>();
    if (doc == null || doc.groups() == null) {
      return rules;
    }
    Set<String> groups = new HashSet<>();
    for (int g = 0; g < doc.groups().size(); g++) {
      Group group = doc.groups().get(g);
      if (!groups.add(group.name())) {
        throw new InvalidRuleException(
            file + ": groups[" + g + "].name", "group '" + group.name() + "' is defined twice");
      }
      if (group.rules() == null) {
        continue;
      }
      Set<String> names = new HashSet<>();
      for (int r = 0; r < group.rules().size(); r++) {
        FileRule rule = group.rules().get(r);
        if (rule.alert() == null) {
          continue; // recording rules are Prometheus's business
        }
        if (!names.add(rule.alert())) {
          throw new InvalidRuleException(
              file + ": groups[" + g + "].rules[" + r + "].alert",
              "alert '" + rule.alert() + "' is defined twice in group '" + group.name() + "'");
        }
        rules.add(
            RuleCompiler.compile(
                rule.definition(group.name(), group.interval()), file, defaultInterval));
      }
    }
    return rules;
  }

  private static InvalidRuleException located(String file, JsonProcessingException e) {
    String line = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr();
    StringBuilder path = new StringBuilder();
    String message = e.getOriginalMessage();
    if (e instanceof JsonMappingException m) {
      for (JsonMappingException.Reference ref : m.getPath()) {
        if (ref.getFieldName() != null) {
          path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
        } else if (ref.getIndex() >= 0) {
          path.append('[').append(ref.getIndex()).append(']');
        }
      }
      for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
        if (t instanceof IllegalArgumentException) {
          message = t.getMessage();
          break;
        }
      }
    }
    if (message != null) {
      message = message.split("\n")[0];
    }
    return new InvalidRuleException(file + line + (path.isEmpty() ? "" : ": " + path), message);
  }
}

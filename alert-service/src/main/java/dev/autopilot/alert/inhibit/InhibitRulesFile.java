package dev.autopilot.alert.inhibit;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.autopilot.alert.matcher.InvalidMatcherException;
import dev.autopilot.alert.matcher.Matchers;
import dev.autopilot.alert.store.InhibitRuleRecord;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code inhibit_rules:} section of an Alertmanager configuration file (other sections are
 * ignored, so Alertmanager's own alertmanager.yml can be pointed at directly).
 */
public final class InhibitRulesFile {
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private InhibitRulesFile() {}

  /** The file's shape. */
  @RegisterForReflection
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Document(@JsonProperty("inhibit_rules") List<Rule> inhibitRules) {}

  /** One rule as written. */
  @RegisterForReflection
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Rule(
      @JsonProperty("source_matchers") List<String> sourceMatchers,
      @JsonProperty("target_matchers") List<String> targetMatchers,
      List<String> equal) {}

  /**
   * Parses the rules.
   *
   * @param name the file name used in error messages
   * @throws IllegalArgumentException naming the file, line and field of the first error
   */
  public static List<InhibitRule> parse(String name, String yaml) {
    Document doc = read(name, yaml);
    List<InhibitRule> rules = new ArrayList<>();
    if (doc == null || doc.inhibitRules() == null) {
      return rules;
    }
    for (int i = 0; i < doc.inhibitRules().size(); i++) {
      Rule r = doc.inhibitRules().get(i);
      String at = name + ": inhibit_rules[" + i + "].";
      try {
        rules.add(
            new InhibitRule(
                parse(at + "source_matchers", r.sourceMatchers()),
                parse(at + "target_matchers", r.targetMatchers()),
                r.equal() == null ? List.of() : List.copyOf(r.equal())));
      } catch (InvalidMatcherException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
    }
    return rules;
  }

  /**
   * The rules as written, for the API ({@code id} {@code file:<i>}, {@code origin} the file); call
   * after {@link #parse} succeeded.
   */
  public static List<InhibitRuleRecord> records(String name, String yaml) {
    Document doc = read(name, yaml);
    List<InhibitRuleRecord> records = new ArrayList<>();
    if (doc == null || doc.inhibitRules() == null) {
      return records;
    }
    for (int i = 0; i < doc.inhibitRules().size(); i++) {
      Rule r = doc.inhibitRules().get(i);
      records.add(
          new InhibitRuleRecord(
              "file:" + i,
              r.sourceMatchers() == null ? List.of() : r.sourceMatchers(),
              r.targetMatchers() == null ? List.of() : r.targetMatchers(),
              r.equal() == null ? List.of() : r.equal(),
              null,
              name,
              null,
              null,
              null));
    }
    return records;
  }

  private static Document read(String name, String yaml) {
    try {
      return YAML.readValue(yaml, Document.class);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr();
      throw new IllegalArgumentException(name + where + ": " + e.getOriginalMessage(), e);
    }
  }

  private static List<dev.autopilot.alert.matcher.Matcher> parse(String field, List<String> m) {
    try {
      return Matchers.parseAll(m);
    } catch (InvalidMatcherException e) {
      throw new InvalidMatcherException(e.part(), field + e.getMessage());
    }
  }
}

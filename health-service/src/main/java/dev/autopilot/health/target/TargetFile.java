package dev.autopilot.health.target;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.autopilot.health.store.TargetRecord;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads targets.yaml ({@code targets: [ {id, service, ...}, ... ]}, see
 * docs/packs/{pack}/targets.yaml) into records, validated like every other target. Unknown keys are
 * errors, so a typo does not silently drop a setting. Problems name the target and the field:
 * {@code api-live.interval}.
 */
public final class TargetFile {
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** The document: a list of targets. */
  @RegisterForReflection
  public record Document(List<TargetSpec> targets) {}

  /** The file cannot be used; {@code problems} says why, per target and field. */
  public static class InvalidTargetFileException extends RuntimeException {
    private final List<TargetViolation> problems;

    public InvalidTargetFileException(String file, List<TargetViolation> problems) {
      super(
          "invalid targets file "
              + file
              + ":\n  - "
              + String.join(
                  "\n  - ", problems.stream().map(p -> p.field() + " " + p.message()).toList()));
      this.problems = List.copyOf(problems);
    }

    /** Each problem; the field is {@code <target id>.<field>} or {@code targets[i].<field>}. */
    public List<TargetViolation> problems() {
      return problems;
    }
  }

  private TargetFile() {}

  /** Reads and validates {@code file}. */
  public static List<TargetRecord> read(Path file, Duration minimumInterval, Set<String> allow) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new InvalidTargetFileException(
          file.toString(), List.of(new TargetViolation("file", "cannot be read: " + e)));
    }
    return parse(text, file.toString(), minimumInterval, allow);
  }

  /** Parses and validates YAML text; {@code source} names it in errors. */
  public static List<TargetRecord> parse(
      String yaml, String source, Duration minimumInterval, Set<String> allow) {
    Document document;
    try {
      document = YAML.readValue(yaml, Document.class);
    } catch (JsonMappingException e) {
      String where =
          e.getLocation() == null
              ? ""
              : " (line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr()
                  + ")";
      throw new InvalidTargetFileException(
          source,
          List.of(new TargetViolation(path(e), e.getOriginalMessage().split("\n")[0] + where)));
    } catch (IOException e) {
      throw new InvalidTargetFileException(
          source, List.of(new TargetViolation("file", "is not valid YAML: " + e.getMessage())));
    }
    List<TargetRecord> records = new ArrayList<>();
    List<TargetViolation> problems = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    List<TargetSpec> specs =
        document == null || document.targets() == null ? List.of() : document.targets();
    for (int i = 0; i < specs.size(); i++) {
      TargetSpec spec = specs.get(i);
      String prefix =
          spec != null && spec.id() != null && !spec.id().isBlank()
              ? spec.id()
              : "targets[" + i + "]";
      if (spec == null) {
        problems.add(new TargetViolation(prefix, "is empty"));
        continue;
      }
      if (spec.id() != null && !ids.add(spec.id())) {
        problems.add(new TargetViolation(prefix + ".id", "is used by more than one target"));
      }
      List<TargetViolation> found = new ArrayList<>();
      TargetRecord record = spec.toRecord(TargetRecord.MANAGED_BY_FILE, found);
      if (record != null) {
        found.addAll(TargetValidator.violations(record, minimumInterval, allow));
        records.add(record);
      }
      found.forEach(v -> problems.add(new TargetViolation(prefix + "." + v.field(), v.message())));
    }
    if (!problems.isEmpty()) {
      throw new InvalidTargetFileException(source, problems);
    }
    return records;
  }

  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
      } else {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.isEmpty() ? "file" : path.toString();
  }
}

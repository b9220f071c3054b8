package dev.autopilot.alert.rule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autopilot.alert.config.AlertConfig;
import dev.autopilot.alert.store.RuleRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Every rule in effect: those of the rule files (read at start, where an invalid file stops the
 * start with its file, line and field, and again on {@link #reload}, where an invalid file keeps
 * the rules in effect) and those created through the API (read from Postgres, so every replica sees
 * the same).
 */
@ApplicationScoped
public class RuleCatalog {
  private static final Logger LOG = Logger.getLogger(RuleCatalog.class);

  private final RuleRepository stored;
  private final ObjectMapper mapper;
  private final Duration defaultInterval;
  private final List<String> locations;
  private volatile List<Rule> fileRules;

  public RuleCatalog(RuleRepository stored, ObjectMapper mapper, AlertConfig config) {
    this.stored = stored;
    this.mapper = mapper;
    this.defaultInterval = config.rules().defaultInterval();
    this.locations = config.rules().files().orElse(List.of());
    this.fileRules = load(locations, defaultInterval);
  }

  /**
   * Reads the rule files again (Prometheus's reload), all or nothing: the exception names the file,
   * line and field of the first error. {@link #use} puts the result in effect.
   */
  public List<Rule> readFiles() {
    return load(locations, defaultInterval);
  }

  /** Puts rules read by {@link #readFiles} in effect; evaluation picks them up at its next tick. */
  public void use(List<Rule> rules) {
    fileRules = List.copyOf(rules);
  }

  /** The keys ({@code group/name}) of the file rules in effect. */
  public Set<String> fileRuleKeys() {
    return fileRules.stream().map(Rule::key).collect(Collectors.toSet());
  }

  /** One evaluation group. */
  public record Group(String name, Duration interval, List<Rule> rules) {}

  /** The evaluation interval of rules that name none. */
  public Duration defaultInterval() {
    return defaultInterval;
  }

  /** Every rule, file rules first. */
  public List<Rule> all() {
    List<Rule> rules = new ArrayList<>(fileRules);
    for (RuleRepository.StoredRule s : stored.all()) {
      try {
        rules.add(
            RuleCompiler.compile(
                mapper.readValue(s.definition(), RuleDefinition.class), "api", defaultInterval));
      } catch (JsonProcessingException | InvalidRuleException e) {
        LOG.errorf("stored rule %s/%s is unreadable: %s", s.group(), s.name(), e.getMessage());
      }
    }
    return rules;
  }

  /** The file rule with this key, if any. */
  public boolean isFileRule(String key) {
    return fileRules.stream().anyMatch(r -> r.key().equals(key));
  }

  /** Rules by group; a group's interval is the shortest of its rules'. */
  public List<Group> groups() {
    Map<String, List<Rule>> byGroup = new LinkedHashMap<>();
    for (Rule r : all()) {
      byGroup.computeIfAbsent(r.group(), g -> new ArrayList<>()).add(r);
    }
    List<Group> groups = new ArrayList<>();
    byGroup.forEach(
        (name, rules) ->
            groups.add(
                new Group(
                    name,
                    rules.stream().map(Rule::interval).min(Duration::compareTo).orElseThrow(),
                    rules)));
    return groups;
  }

  /** Loads rule files and directories of *.yml / *.yaml files. */
  static List<Rule> load(List<String> locations, Duration defaultInterval) {
    List<Rule> rules = new ArrayList<>();
    for (String location : locations) {
      if (location.isBlank()) {
        continue;
      }
      Path path = Path.of(location.strip());
      List<Path> files;
      try {
        if (Files.isDirectory(path)) {
          try (Stream<Path> s = Files.list(path)) {
            files =
                s.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml"))
                    .sorted()
                    .toList();
          }
        } else {
          files = List.of(path);
        }
        for (Path file : files) {
          List<Rule> parsed =
              RuleFiles.parse(file.toString(), Files.readString(file), defaultInterval);
          for (Rule r : parsed) {
            if (rules.stream().anyMatch(other -> other.key().equals(r.key()))) {
              throw new InvalidRuleException(file + ": " + r.key(), "is defined in two rule files");
            }
          }
          rules.addAll(parsed);
          LOG.infof("loaded %d rule(s) from %s", parsed.size(), file);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read rule file " + path, e);
      }
    }
    return rules;
  }
}

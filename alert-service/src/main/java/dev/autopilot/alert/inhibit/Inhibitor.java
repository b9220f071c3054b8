package dev.autopilot.alert.inhibit;

import dev.autopilot.alert.config.AlertConfig;
import dev.autopilot.alert.store.AlertRecord;
import dev.autopilot.alert.store.InhibitRuleRecord;
import dev.autopilot.alert.store.InhibitRuleRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The inhibit rules in force ({@link dev.autopilot.alert.mute.Muting} applies them): those of
 * {@code alert.inhibit.rules-file} (Alertmanager's {@code inhibit_rules} format, read at start) and
 * those made through the API ({@code inhibit_rule} in Postgres); {@code POST /config/reload} reads
 * the file again. Sources are the alerts that are firing, acknowledged or themselves suppressed, as
 * Alertmanager counts every unresolved alert.
 *
 * <p>The rules are cached: this replica's API changes {@link #refresh} it at once, and the
 * suppression recheck refreshes it every {@code alert.suppression.recheck-interval}, so a rule made
 * on another replica applies here within that interval.
 */
@ApplicationScoped
public class Inhibitor {
  private final InhibitRuleRepository stored;
  private final Optional<String> file;
  private volatile FileRules fromFile;
  private volatile List<InhibitRule> rules;

  /** The rules file's rules, compiled and as written (both from one reading). */
  public record FileRules(List<InhibitRule> compiled, List<InhibitRuleRecord> records) {}

  public Inhibitor(InhibitRuleRepository stored, AlertConfig config) {
    this.stored = stored;
    this.file = config.inhibit().rulesFile();
    this.fromFile = readFile();
  }

  /** Puts rules read by {@link #readFile} in effect (with the API's, at once). */
  public void use(FileRules rules) {
    fromFile = rules;
    refresh();
  }

  /**
   * Reads the rules file (Alertmanager's {@code inhibit_rules}); the exception names the file, line
   * and field of the first error.
   */
  public FileRules readFile() {
    String text = file.map(Inhibitor::read).orElse(null);
    return text == null
        ? new FileRules(List.of(), List.of())
        : new FileRules(
            InhibitRulesFile.parse(file.get(), text), InhibitRulesFile.records(file.get(), text));
  }

  /** The rules in effect: the file's, then the API's. */
  public List<InhibitRule> rules() {
    List<InhibitRule> current = rules;
    return current != null ? current : refresh();
  }

  /** The file's rules as written (read-only through the API). */
  public List<InhibitRuleRecord> fileRules() {
    return fromFile.records();
  }

  /** Re-reads the API's rules (in the caller's transaction, if any); returns the rules now. */
  public List<InhibitRule> refresh() {
    List<InhibitRule> all = new ArrayList<>(fromFile.compiled());
    for (InhibitRuleRecord r : stored.all()) {
      all.add(InhibitRules.compile(r.sourceMatchers(), r.targetMatchers(), r.equal()));
    }
    List<InhibitRule> current = List.copyOf(all);
    rules = current;
    return current;
  }

  /** An alert's labels with {@code alertname}, so rules can match on it as in Alertmanager. */
  public static Map<String, String> labelsOf(AlertRecord alert) {
    return labelsOf(alert.name(), alert.labels());
  }

  /** Labels with {@code alertname} (the alert's name) unless they carry one. */
  public static Map<String, String> labelsOf(String name, Map<String, String> labels) {
    if (labels.containsKey("alertname")) {
      return labels;
    }
    Map<String, String> all = new HashMap<>(labels);
    all.put("alertname", name);
    return all;
  }

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read alert.inhibit.rules-file " + file, e);
    }
  }
}

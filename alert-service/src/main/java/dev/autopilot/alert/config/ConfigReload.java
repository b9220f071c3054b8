package dev.autopilot.alert.config;

import dev.autopilot.alert.inhibit.Inhibitor;
import dev.autopilot.alert.lifecycle.AlertLifecycle;
import dev.autopilot.alert.rule.Rule;
import dev.autopilot.alert.rule.RuleCatalog;
import dev.autopilot.alert.store.RuleStateRepository;
import dev.autopilot.platform.problem.ProblemException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Reads the rule files and the inhibit rules file again without a restart, as Prometheus's and
 * Alertmanager's {@code /-/reload} do: both files are read and checked first, and only if both are
 * valid are both put in effect; otherwise nothing changes and the error names the file, line and
 * field. Alerts of file rules that are gone are resolved ("rule removed"), as deleting a rule
 * through the API does. Each replica reads its own files: reload every replica.
 */
@ApplicationScoped
public class ConfigReload {
  private static final Logger LOG = Logger.getLogger(ConfigReload.class);

  /** What a reload put in effect. */
  public record Result(int ruleFileRules, int removedRules, int inhibitFileRules) {}

  private final RuleCatalog catalog;
  private final Inhibitor inhibitor;
  private final RuleStateRepository state;
  private final AlertLifecycle lifecycle;
  private volatile boolean lastSuccessful = true;
  private volatile double lastSuccessAt = Instant.now().getEpochSecond();

  public ConfigReload(
      RuleCatalog catalog,
      Inhibitor inhibitor,
      RuleStateRepository state,
      AlertLifecycle lifecycle,
      MeterRegistry registry) {
    this.catalog = catalog;
    this.inhibitor = inhibitor;
    this.state = state;
    this.lifecycle = lifecycle;
    Gauge.builder(
            "autopilot.alert.config.last.reload.successful", this, r -> r.lastSuccessful ? 1 : 0)
        .description("Whether the last reload of the rule and inhibit files succeeded (1) or not")
        .register(registry);
    Gauge.builder(
            "autopilot.alert.config.last.reload.success.timestamp", this, r -> r.lastSuccessAt)
        .description("When the files were last read successfully (start or reload), Unix seconds")
        .baseUnit("seconds")
        .register(registry);
  }

  /** Reads both files; 422 naming the file, line and field when either is invalid. */
  @Transactional
  public Result reload() {
    List<Rule> rules;
    Inhibitor.FileRules inhibit;
    try {
      rules = catalog.readFiles();
      inhibit = inhibitor.readFile();
    } catch (IllegalArgumentException | UncheckedIOException e) {
      lastSuccessful = false;
      LOG.errorf("reload failed, the rules in effect stay: %s", e.getMessage());
      throw new ProblemException(
          422, "Unprocessable Content", "reload failed, nothing changed: " + e.getMessage());
    }
    Set<String> removed = new HashSet<>(catalog.fileRuleKeys());
    rules.forEach(r -> removed.remove(r.key()));
    catalog.use(rules);
    inhibitor.use(inhibit);
    Instant now = Instant.now();
    for (String key : removed) {
      for (String fingerprint : state.deleteAll(key)) {
        lifecycle.resolveFingerprint(fingerprint, now, "rule removed");
      }
    }
    lastSuccessful = true;
    lastSuccessAt = now.getEpochSecond();
    LOG.infof(
        "reloaded: %d file rule(s) (%d removed), %d file inhibit rule(s)",
        rules.size(), removed.size(), inhibit.compiled().size());
    return new Result(rules.size(), removed.size(), inhibit.compiled().size());
  }
}

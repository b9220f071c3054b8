package dev.autopilot.alert.rule;

import dev.autopilot.alert.lifecycle.AlertLifecycle;
import dev.autopilot.alert.lifecycle.Fingerprint;
import dev.autopilot.alert.lifecycle.NewAlert;
import dev.autopilot.alert.rule.AlertingSemantics.Step;
import dev.autopilot.alert.rule.source.EventsSource;
import dev.autopilot.alert.rule.source.PrometheusSource;
import dev.autopilot.alert.rule.source.RuleSource;
import dev.autopilot.alert.rule.source.SamplesSource;
import dev.autopilot.alert.store.RuleStateRepository;
import dev.autopilot.alert.store.RuleStateRepository.Instance;
import dev.autopilot.platform.event.v1.AlertAnnotations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Evaluates one rule group in one transaction under the group's advisory lock: the replica that
 * gets the lock and finds the group due evaluates it; any other skips it. Instance state, alert
 * changes and their events commit together, so two replicas never double-fire or double-resolve.
 */
@ApplicationScoped
public class RuleEvaluator {
  private static final Logger LOG = Logger.getLogger(RuleEvaluator.class);

  private final RuleStateRepository state;
  private final AlertLifecycle lifecycle;
  private final Map<String, RuleSource> sources;

  public RuleEvaluator(
      RuleStateRepository state,
      AlertLifecycle lifecycle,
      SamplesSource samples,
      EventsSource events,
      PrometheusSource prometheus) {
    this.state = state;
    this.lifecycle = lifecycle;
    this.sources = Map.of(Rule.SAMPLES, samples, Rule.EVENTS, events, Rule.PROMETHEUS, prometheus);
  }

  /**
   * Evaluates the group if this replica gets its lock and it is due (its interval has passed since
   * the last evaluation by any replica, with {@code slack} for scheduling jitter); true if it did.
   */
  @Transactional
  public boolean evaluateIfDue(RuleCatalog.Group group, Instant now, Duration slack) {
    if (!state.tryLockGroup(group.name())) {
      LOG.debugf("group %s: another replica holds its lock", group.name());
      return false;
    }
    Instant last = state.lastEvaluation(group.name()).orElse(null);
    if (last != null && now.isBefore(last.plus(group.interval()).minus(slack))) {
      return false;
    }
    LOG.debugf("group %s: evaluating %d rule(s) at %s", group.name(), group.rules().size(), now);
    for (Rule rule : group.rules()) {
      evaluate(rule, now);
    }
    state.evaluated(group.name(), now);
    return true;
  }

  /** Evaluates one rule at {@code now} (in the caller's transaction). */
  void evaluate(Rule rule, Instant now) {
    long started = System.nanoTime();
    List<Series> raw;
    try {
      raw = sources.get(rule.source()).evaluate(rule, now);
    } catch (RuntimeException e) {
      // As Prometheus: a failed evaluation changes no alert; the rule's health shows the error.
      state.health(rule.key(), now, millisSince(started), e.getMessage());
      return;
    }
    LOG.debugf("rule %s: %d series", rule.key(), raw.size());
    Map<String, Series> results = new LinkedHashMap<>();
    for (Series s : raw) {
      if (Double.isNaN(s.value()) || !rule.holds(s.value())) {
        continue;
      }
      Map<String, String> labels = new LinkedHashMap<>(s.labels());
      labels.putAll(rule.labels());
      labels.put("alertname", rule.name());
      results.put(Fingerprint.of(rule.name(), labels), new Series(labels, s.value()));
    }
    Map<String, InstanceState> previous = new HashMap<>();
    for (Instance i : state.instances(rule.key())) {
      previous.put(
          i.fingerprint(),
          new InstanceState(
              i.fingerprint(),
              i.labels(),
              i.value(),
              i.firing(),
              i.activeAt(),
              i.firedAt(),
              i.keepFiringSince()));
    }
    for (Step step :
        AlertingSemantics.evaluate(previous, results, now, rule.holdFor(), rule.keepFiringFor())) {
      LOG.debugf("rule %s: %s %s", rule.key(), step.change(), step.fingerprint());
      apply(rule, step, now);
    }
    state.health(rule.key(), now, millisSince(started), null);
  }

  private void apply(Rule rule, Step step, Instant now) {
    InstanceState s = step.state();
    switch (step.change()) {
      case PENDING -> {
        save(rule, s);
        lifecycle.pend(alert(rule, s));
      }
      case FIRED -> {
        save(rule, s);
        lifecycle.promote(s.fingerprint(), s.value(), now);
      }
      case UNCHANGED -> save(rule, s);
      case DROPPED, RESOLVED -> {
        state.delete(rule.key(), step.fingerprint());
        lifecycle.resolveFingerprint(step.fingerprint(), now, "rule:" + rule.key());
      }
    }
  }

  private void save(Rule rule, InstanceState s) {
    state.save(
        rule.key(),
        new Instance(
            s.fingerprint(),
            s.labels(),
            s.value(),
            s.firing(),
            s.activeAt(),
            s.firedAt(),
            s.keepFiringSince()));
  }

  private static NewAlert alert(Rule rule, InstanceState s) {
    Map<String, String> a = AnnotationTemplates.expand(rule.annotations(), s.labels(), s.value());
    String runbook = a.get("runbook_url") != null ? a.get("runbook_url") : a.get("runbookUrl");
    return new NewAlert(
        rule.name(),
        rule.severity(),
        s.labels(),
        new AlertAnnotations(a.get("summary"), a.get("description"), runbook),
        s.value(),
        "rule:" + rule.key(),
        s.activeAt(),
        s.fingerprint(),
        null,
        null);
  }

  private static double millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000.0;
  }
}

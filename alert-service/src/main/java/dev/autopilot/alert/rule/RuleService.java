package dev.autopilot.alert.rule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autopilot.alert.lifecycle.AlertLifecycle;
import dev.autopilot.alert.store.RuleRepository;
import dev.autopilot.alert.store.RuleStateRepository;
import dev.autopilot.platform.problem.ProblemException;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Rule CRUD (API rules only; file rules are read-only) and the rules' health. */
@ApplicationScoped
public class RuleService {
  private final RuleCatalog catalog;
  private final RuleRepository stored;
  private final RuleStateRepository state;
  private final AlertLifecycle lifecycle;
  private final ObjectMapper mapper;

  public RuleService(
      RuleCatalog catalog,
      RuleRepository stored,
      RuleStateRepository state,
      AlertLifecycle lifecycle,
      ObjectMapper mapper) {
    this.catalog = catalog;
    this.stored = stored;
    this.state = state;
    this.lifecycle = lifecycle;
    this.mapper = mapper;
  }

  /** A rule with its health, as Prometheus's {@code /api/v1/rules} shows it. */
  @RegisterForReflection
  public record RuleView(
      String group,
      String name,
      String origin,
      RuleDefinition definition,
      String health,
      String lastError,
      Instant lastEvaluation,
      Double evaluationTime,
      String state,
      List<InstanceView> alerts) {}

  /** One alert instance of a rule. */
  @RegisterForReflection
  public record InstanceView(
      Map<String, String> labels, String state, Instant activeAt, double value) {}

  /** Every rule with its health. */
  public List<RuleView> list() {
    Map<String, RuleStateRepository.Health> healths = state.healths();
    List<RuleView> views = new ArrayList<>();
    for (Rule r : catalog.all()) {
      views.add(view(r, healths.get(r.key())));
    }
    return views;
  }

  /** One rule; 404 if unknown. */
  public RuleView get(String group, String name) {
    Rule rule = find(group, name);
    return view(rule, state.healths().get(rule.key()));
  }

  /** Creates an API rule; 400 naming the field, 409 if it exists. */
  @Transactional
  public RuleView create(RuleDefinition definition, String by) {
    Rule rule = compile(definition);
    if (catalog.isFileRule(rule.key())
        || !stored.insert(rule.group(), rule.name(), json(rule.definition()), by, Instant.now())) {
      throw ProblemException.conflict("rule " + rule.key() + " exists already");
    }
    return view(rule, null);
  }

  /** Replaces an API rule; 404 if unknown, 409 for a file rule. */
  @Transactional
  public RuleView update(String group, String name, RuleDefinition definition) {
    RuleDefinition d = withIdentity(definition, group, name);
    Rule rule = compile(d);
    readOnlyCheck(rule.key());
    if (!stored.update(group, name, json(rule.definition()), Instant.now())) {
      throw ProblemException.notFound("rule " + rule.key() + " does not exist");
    }
    return view(rule, state.healths().get(rule.key()));
  }

  /** Deletes an API rule and resolves its alerts; 404 if unknown, 409 for a file rule. */
  @Transactional
  public void delete(String group, String name) {
    String key = group + "/" + name;
    readOnlyCheck(key);
    if (!stored.delete(group, name)) {
      throw ProblemException.notFound("rule " + key + " does not exist");
    }
    for (String fingerprint : state.deleteAll(key)) {
      lifecycle.resolveFingerprint(fingerprint, Instant.now(), "rule deleted");
    }
  }

  private Rule find(String group, String name) {
    String key = group + "/" + name;
    return catalog.all().stream()
        .filter(r -> r.key().equals(key))
        .findFirst()
        .orElseThrow(() -> ProblemException.notFound("rule " + key + " does not exist"));
  }

  private void readOnlyCheck(String key) {
    if (catalog.isFileRule(key)) {
      throw ProblemException.conflict(
          "rule " + key + " comes from a rule file; change the file instead");
    }
  }

  private Rule compile(RuleDefinition definition) {
    try {
      return RuleCompiler.compile(definition, "api", catalog.defaultInterval());
    } catch (InvalidRuleException e) {
      throw ProblemException.badField(e.field(), e.reason());
    }
  }

  private RuleView view(Rule rule, RuleStateRepository.Health health) {
    List<InstanceView> alerts =
        state.instances(rule.key()).stream()
            .map(
                i ->
                    new InstanceView(
                        i.labels(), i.firing() ? "firing" : "pending", i.activeAt(), i.value()))
            .toList();
    String ruleState =
        alerts.stream().anyMatch(a -> a.state().equals("firing"))
            ? "firing"
            : alerts.isEmpty() ? "inactive" : "pending";
    return new RuleView(
        rule.group(),
        rule.name(),
        rule.origin(),
        rule.definition(),
        health == null ? "unknown" : health.lastError() == null ? "ok" : "err",
        health == null ? null : health.lastError(),
        health == null ? null : health.lastEvaluation(),
        health == null ? null : health.durationMs() / 1000.0,
        ruleState,
        alerts);
  }

  private static RuleDefinition withIdentity(RuleDefinition d, String group, String name) {
    return new RuleDefinition(
        name,
        group,
        d.source(),
        d.expr(),
        d.samples(),
        d.event(),
        d.comparison(),
        d.threshold(),
        d.forDuration(),
        d.keepFiringFor(),
        d.interval(),
        d.severity(),
        d.labels(),
        d.annotations());
  }

  private String json(RuleDefinition d) {
    try {
      return mapper.writeValueAsString(d);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}

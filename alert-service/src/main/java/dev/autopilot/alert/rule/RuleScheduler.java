package dev.autopilot.alert.rule;

import dev.autopilot.alert.config.AlertConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/** Looks every tick for rule groups due for evaluation and evaluates them. */
@ApplicationScoped
public class RuleScheduler {
  private static final Logger LOG = Logger.getLogger(RuleScheduler.class);

  private final RuleCatalog catalog;
  private final RuleEvaluator evaluator;
  private final Duration slack;

  public RuleScheduler(RuleCatalog catalog, RuleEvaluator evaluator, AlertConfig config) {
    this.catalog = catalog;
    this.evaluator = evaluator;
    this.slack = config.rules().tick().dividedBy(2);
  }

  @Scheduled(
      every = "${alert.rules.tick:1s}",
      delayed = "${alert.rules.tick:1s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void tick() {
    for (RuleCatalog.Group group : catalog.groups()) {
      try {
        evaluator.evaluateIfDue(group, Instant.now(), slack);
      } catch (RuntimeException e) {
        LOG.errorf(e, "evaluating rule group %s failed", group.name());
      }
    }
  }
}

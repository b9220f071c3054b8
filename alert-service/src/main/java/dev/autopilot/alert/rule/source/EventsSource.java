package dev.autopilot.alert.rule.source;

import dev.autopilot.alert.rule.PromDuration;
import dev.autopilot.alert.rule.Rule;
import dev.autopilot.alert.rule.Series;
import dev.autopilot.alert.store.EventFactRepository;
import dev.autopilot.alert.store.EventFactRepository.SubjectValue;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code events} rules over the facts {@link dev.autopilot.alert.ingest.SuiteEventsConsumer}
 * records: one series per subject, labelled with the subject's labels (source; service and
 * environment; channel).
 */
@ApplicationScoped
public class EventsSource implements RuleSource {
  /** Fact kinds (the topics they come from). */
  public static final String BACKUP_COMPLETED = "backup.completed";

  public static final String BACKUP_FAILED = "backup.failed";
  public static final String RESTORE_OK = "backup.verified.ok";
  public static final String RESTORE_FAILED = "backup.verified.failed";
  public static final String DEPLOY_SUCCEEDED = "deploy.succeeded";
  public static final String DEPLOY_FAILED = "deploy.failed";
  public static final String DEPLOY_ROLLED_BACK = "deploy.rolled_back";
  public static final String NOTIFICATION_FAILED = "notification.failed";

  private final EventFactRepository facts;

  public EventsSource(EventFactRepository facts) {
    this.facts = facts;
  }

  @Override
  public List<Series> evaluate(Rule rule, Instant at) {
    Duration window =
        rule.event().window() == null ? null : PromDuration.parse(rule.event().window()).duration();
    List<SubjectValue> values =
        switch (rule.event().kind()) {
          case "backup_failed" ->
              facts.latestIsBad(List.of(BACKUP_FAILED), List.of(BACKUP_COMPLETED));
          case "backup_absent" ->
              facts.hoursSince(BACKUP_COMPLETED, List.of(BACKUP_COMPLETED, BACKUP_FAILED), at);
          case "restore_failed" -> facts.latestIsBad(List.of(RESTORE_FAILED), List.of(RESTORE_OK));
          case "deploy_failed" ->
              facts.latestIsBad(
                  List.of(DEPLOY_FAILED, DEPLOY_ROLLED_BACK), List.of(DEPLOY_SUCCEEDED));
          case "notification_failed" ->
              facts.countWithin(
                  NOTIFICATION_FAILED, window == null ? Duration.ofHours(1) : window, at);
          default -> throw new IllegalStateException("unknown event kind " + rule.event().kind());
        };
    return values.stream().map(v -> new Series(v.labels(), v.value())).toList();
  }
}

package dev.autopilot.alert.lifecycle;

import dev.autopilot.alert.inhibit.Inhibitor;
import dev.autopilot.alert.mute.MuteCandidate;
import dev.autopilot.alert.mute.MuteSnapshot;
import dev.autopilot.alert.mute.Muting;
import dev.autopilot.alert.store.AlertRecord;
import dev.autopilot.alert.store.AlertRepository;
import dev.autopilot.alert.store.AlertState;
import dev.autopilot.alert.store.DeployWatchRepository;
import dev.autopilot.alert.store.Transition;
import dev.autopilot.alert.store.TransitionRepository;
import dev.autopilot.platform.event.v1.AlertFired;
import dev.autopilot.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Opens new alerts — one from a rule or an event, or the fifty of an Alertmanager webhook — in a
 * fixed number of statements whatever their count: one read each of the deploy watches and of what
 * mutes (windows, silences; inhibition sources only when an alert is an inhibition target), one
 * multi-row insert each for the alerts, their first history rows and their {@code alert.fired}
 * events. A webhook of new alerts used to cost about seven statements per alert.
 */
@ApplicationScoped
public class AlertOpener {
  private final AlertRepository alerts;
  private final TransitionRepository transitions;
  private final DeployWatchRepository deploys;
  private final Muting muting;
  private final Outbox outbox;

  public AlertOpener(
      AlertRepository alerts,
      TransitionRepository transitions,
      DeployWatchRepository deploys,
      Muting muting,
      Outbox outbox) {
    this.alerts = alerts;
    this.transitions = transitions;
    this.deploys = deploys;
    this.muting = muting;
    this.outbox = outbox;
  }

  /**
   * Opens alerts whose fingerprints the caller found inactive: PENDING when {@code pending} (a
   * rule's {@code for} has not elapsed), else FIRING or SUPPRESSED when something mutes them.
   * Repeated fingerprints open once. Returns the alerts this transaction opened, in fingerprint
   * order; one another writer (a replica, a parallel delivery) opened first is not among them.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public List<AlertRecord> open(List<NewAlert> news, boolean pending, Instant now) {
    Map<String, NewAlert> byFingerprint = new LinkedHashMap<>();
    for (NewAlert alert : news) {
      byFingerprint.putIfAbsent(alert.identity(), alert);
    }
    if (byFingerprint.isEmpty()) {
      return List.of();
    }
    List<Map.Entry<String, NewAlert>> sorted =
        byFingerprint.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList();
    Map<String, UUID> watches =
        news.stream().anyMatch(a -> a.deploymentId() == null) ? deploys.watchingAll(now) : Map.of();
    MuteSnapshot snapshot = pending ? null : muting.snapshot(now);

    // Every new alert is a possible inhibition source for the others (ids chosen before insert).
    List<MuteSnapshot.Source> batch = new ArrayList<>(sorted.size());
    for (Map.Entry<String, NewAlert> e : sorted) {
      batch.add(
          new MuteSnapshot.Source(
              e.getKey(), UUID.randomUUID(), Inhibitor.labelsOf(e.getValue().name(), labels(e))));
    }
    List<AlertRecord> records = new ArrayList<>(sorted.size());
    for (int i = 0; i < sorted.size(); i++) {
      MuteSnapshot.Source self = batch.get(i);
      NewAlert alert = sorted.get(i).getValue();
      Map<String, String> labels = labels(sorted.get(i));
      String muted =
          pending
              ? null
              : muting
                  .mutedBy(
                      snapshot,
                      new MuteCandidate(
                          self.fingerprint(), self.labels(), alert.dependencyTarget(), now),
                      batch,
                      now)
                  .orElse(null);
      AlertState state =
          pending ? AlertState.PENDING : muted != null ? AlertState.SUPPRESSED : AlertState.FIRING;
      UUID deployment =
          alert.deploymentId() != null
              ? alert.deploymentId()
              : labels.get("service") == null
                  ? null
                  : watches.get(
                      DeployWatchRepository.key(labels.get("service"), labels.get("environment")));
      records.add(
          new AlertRecord(
              self.id(),
              self.fingerprint(),
              alert.name(),
              alert.severity(),
              state,
              labels,
              alert.annotations(),
              alert.value(),
              alert.source(),
              alert.startsAt() == null ? now : alert.startsAt(),
              null,
              null,
              null,
              deployment,
              muted,
              alert.dependencyTarget(),
              state == AlertState.FIRING ? now : null,
              null));
    }

    Set<UUID> inserted = alerts.insertAll(records);
    List<AlertRecord> opened = records.stream().filter(r -> inserted.contains(r.id())).toList();
    transitions.recordAll(
        opened.stream()
            .map(
                r ->
                    new Transition(
                        r.id(),
                        null,
                        r.state(),
                        // A rule's pending alert became pending at its evaluation time (startsAt).
                        pending ? r.startsAt() : now,
                        r.source(),
                        r.suppressedReason()))
            .toList());
    List<AlertFired> fired =
        opened.stream()
            .filter(r -> r.state() == AlertState.FIRING)
            .map(AlertLifecycle::fired)
            .toList();
    outbox.appendAll(fired);
    return opened;
  }

  private static Map<String, String> labels(Map.Entry<String, NewAlert> e) {
    return e.getValue().labels() == null ? Map.of() : e.getValue().labels();
  }
}

package dev.autopilot.alert.lifecycle;

import dev.autopilot.alert.inhibit.Inhibitor;
import dev.autopilot.alert.mute.MuteCandidate;
import dev.autopilot.alert.mute.MuteSnapshot;
import dev.autopilot.alert.mute.Muting;
import dev.autopilot.alert.store.AlertRecord;
import dev.autopilot.alert.store.AlertRepository;
import dev.autopilot.alert.store.AlertState;
import dev.autopilot.alert.store.Transition;
import dev.autopilot.alert.store.TransitionRepository;
import dev.autopilot.platform.event.v1.AlertSuppressed;
import dev.autopilot.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Muting of alerts that are already active, as Alertmanager mutes at every notification rather than
 * once: a silence, maintenance window or inhibition that starts while an alert is FIRING or
 * ACKNOWLEDGED moves it to SUPPRESSED; when that ends, the alert goes back — to ACKNOWLEDGED if
 * someone had acknowledged it (no event: its owner already knows), else to FIRING with {@code
 * alert.fired} (notification-service's dedupe pages nobody again within its {@code repeat_interval}
 * for an alert it had already announced, like Alertmanager's notification log).
 *
 * <p>"FIRING (or ACKNOWLEDGED) → SUPPRESSED" of an announced alert is announced as {@code
 * alert.suppressed} (with the reason: {@code silence:<id>}, {@code maintenance:<id>}, …) in the
 * transaction of the change, so notification-service stops escalating it; the transition is also in
 * the alert's history, and a muted alert that had been announced still gets its {@code
 * alert.resolved}. Every change is a conditional UPDATE on the state that was read, so two replicas
 * sweeping at once change each alert once, and announce it once.
 */
@ApplicationScoped
public class Suppressions {
  static final String ENDED = "suppression ended";

  private final AlertRepository alerts;
  private final TransitionRepository transitions;
  private final Muting muting;
  private final Outbox outbox;

  public Suppressions(
      AlertRepository alerts, TransitionRepository transitions, Muting muting, Outbox outbox) {
    this.alerts = alerts;
    this.transitions = transitions;
    this.muting = muting;
    this.outbox = outbox;
  }

  /**
   * FIRING / ACKNOWLEDGED alerts that a running window, an active silence or an inhibition holds
   * now → SUPPRESSED, recorded with {@code actor}; returns how many.
   */
  @Transactional
  public int muteActive(String actor) {
    Instant now = Instant.now();
    MuteSnapshot snapshot = muting.snapshot(now);
    if (snapshot.isEmpty()) {
      return 0;
    }
    int muted = 0;
    for (AlertRecord a : alerts.announcedActive()) {
      Optional<String> reason = snapshot.mutedBy(a.fingerprint(), Inhibitor.labelsOf(a));
      if (reason.isPresent() && alerts.mute(a.id(), a.state(), reason.get())) {
        transitions.record(
            new Transition(a.id(), a.state(), AlertState.SUPPRESSED, now, actor, reason.get()));
        outbox.append(
            new AlertSuppressed(
                a.id(),
                a.fingerprint(),
                a.name(),
                a.severity(),
                a.labels(),
                reason.get(),
                a.state().name(),
                now));
        muted++;
      }
    }
    return muted;
  }

  /**
   * Rechecks at once the suppressed alerts whose reason starts with {@code reasonPrefix} (e.g. the
   * silence that was just expired): those nothing holds any more go back; returns how many.
   */
  @Transactional
  public int release(String reasonPrefix, String actor) {
    return recheckAll(alerts.suppressedForUpdate(reasonPrefix), actor);
  }

  /**
   * Rechecks suppressed alerts: those no muter holds any more go back; returns how many. Rows
   * another replica is rechecking are skipped.
   */
  @Transactional
  public int recheckSuppressed(int limit) {
    return recheckAll(alerts.suppressedForUpdate(limit), null);
  }

  /**
   * Rechecks locked suppressed alerts against one snapshot of what mutes (releasing one changes no
   * other's verdict: suppressed alerts count as inhibition sources too); {@code actor} null: each
   * alert's own source. Reads nothing when there is nothing to recheck.
   */
  private int recheckAll(List<AlertRecord> suppressed, String actor) {
    if (suppressed.isEmpty()) {
      return 0;
    }
    Instant now = Instant.now();
    MuteSnapshot snapshot = muting.snapshot(now);
    int released = 0;
    for (AlertRecord a : suppressed) {
      if (recheck(a, a.dependencyTarget(), snapshot, now, actor == null ? a.source() : actor)) {
        released++;
      }
    }
    return released;
  }

  /**
   * Unmutes a suppressed alert when nothing in {@code snapshot} (nor its down dependency) holds it
   * any more; true if it went back.
   */
  boolean recheck(
      AlertRecord a, String dependency, MuteSnapshot snapshot, Instant now, String actor) {
    Optional<String> muted =
        muting.mutedBy(
            snapshot,
            new MuteCandidate(a.fingerprint(), Inhibitor.labelsOf(a), dependency, a.startsAt()),
            List.of(),
            now);
    if (muted.isPresent()) {
      if (!muted.get().equals(a.suppressedReason())) {
        alerts.markSuppressed(a.id(), muted.get());
      }
      return false;
    }
    Optional<AlertState> to = alerts.release(a.id(), now);
    if (to.isEmpty()) {
      return false;
    }
    transitions.record(new Transition(a.id(), AlertState.SUPPRESSED, to.get(), now, actor, ENDED));
    if (to.get() == AlertState.FIRING) {
      outbox.append(AlertLifecycle.fired(alerts.find(a.id()).orElseThrow()));
    }
    return true;
  }
}

package dev.autopilot.alert.mute;

import dev.autopilot.alert.inhibit.DependencyMuter;
import dev.autopilot.alert.inhibit.InhibitRule;
import dev.autopilot.alert.inhibit.Inhibitor;
import dev.autopilot.alert.silence.SilenceMatchers;
import dev.autopilot.alert.store.AlertRepository;
import dev.autopilot.alert.store.MaintenanceRepository;
import dev.autopilot.alert.store.SilenceRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether an alert is muted and why, in Alertmanager's order plus the suite's own reasons:
 * a running maintenance window, an active silence, an inhibit rule with a source alert, a down
 * dependency; the first reason wins. One place decides for every path: a single alert (promote,
 * recheck), a batch opened together and a sweep over all suppressed alerts all judge against a
 * {@link MuteSnapshot} read here.
 */
@ApplicationScoped
public class Muting {
  private final MaintenanceRepository windows;
  private final SilenceRepository silences;
  private final Inhibitor inhibitor;
  private final AlertRepository alerts;
  private final DependencyMuter dependency;

  public Muting(
      Inhibitor inhibitor,
      DependencyMuter dependency,
      MaintenanceRepository windows,
      SilenceRepository silences,
      AlertRepository alerts) {
    this.windows = windows;
    this.silences = silences;
    this.inhibitor = inhibitor;
    this.alerts = alerts;
    this.dependency = dependency;
  }

  /** Why the alert is muted now, or empty (reads a snapshot for this one alert). */
  public Optional<String> mutedBy(MuteCandidate alert, Instant now) {
    return mutedBy(snapshot(now), alert, List.of(), now);
  }

  /** The windows, silences and inhibitions in force at {@code now}, read once. */
  public MuteSnapshot snapshot(Instant now) {
    List<InhibitRule> rules = inhibitor.rules();
    return new MuteSnapshot(
        windows.running(now),
        silences.active(now).stream()
            .map(s -> new MuteSnapshot.ActiveSilence(s.id(), SilenceMatchers.of(s.matchers())))
            .toList(),
        rules,
        () ->
            rules.isEmpty()
                ? List.of()
                : alerts.activeNotPending().stream()
                    .map(
                        a ->
                            new MuteSnapshot.Source(a.fingerprint(), a.id(), Inhibitor.labelsOf(a)))
                    .toList());
  }

  /**
   * Why the alert is muted, judged against a snapshot (plus {@code more} inhibition sources not in
   * it: the other new alerts of a batch) and then its down dependency.
   */
  public Optional<String> mutedBy(
      MuteSnapshot snapshot, MuteCandidate alert, List<MuteSnapshot.Source> more, Instant now) {
    Optional<String> reason = snapshot.mutedBy(alert.fingerprint(), alert.labels(), more);
    return reason.isPresent() ? reason : dependency.mutedBy(alert, now);
  }
}

package dev.autopilot.alert.mute;

import dev.autopilot.alert.inhibit.DependencyMuter;
import dev.autopilot.alert.inhibit.InhibitRule;
import dev.autopilot.alert.inhibit.Inhibitor;
import dev.autopilot.alert.silence.SilenceMatchers;
import dev.autopilot.alert.silence.Silencer;
import dev.autopilot.alert.store.AlertRepository;
import dev.autopilot.alert.store.MaintenanceRepository;
import dev.autopilot.alert.store.SilenceRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Asks every muter in order (maintenance, silence, inhibition, down dependency); the first reason
 * wins. {@link #snapshot} reads the same muters once for a sweep over many alerts.
 */
@ApplicationScoped
public class Muting {
  private final List<Muter> muters;
  private final MaintenanceRepository windows;
  private final SilenceRepository silences;
  private final Inhibitor inhibitor;
  private final AlertRepository alerts;
  private final DependencyMuter dependency;

  public Muting(
      MaintenanceMuter maintenance,
      Silencer silencer,
      Inhibitor inhibitor,
      DependencyMuter dependency,
      MaintenanceRepository windows,
      SilenceRepository silences,
      AlertRepository alerts) {
    this.muters = List.of(maintenance, silencer, inhibitor, dependency);
    this.windows = windows;
    this.silences = silences;
    this.inhibitor = inhibitor;
    this.alerts = alerts;
    this.dependency = dependency;
  }

  /** Why the alert is muted now, or empty. */
  public Optional<String> mutedBy(MuteCandidate alert, Instant now) {
    for (Muter muter : muters) {
      Optional<String> reason = muter.mutedBy(alert, now);
      if (reason.isPresent()) {
        return reason;
      }
    }
    return Optional.empty();
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
   * it) and then its down dependency: {@link #mutedBy} for a batch of alerts opened together.
   */
  public Optional<String> mutedBy(
      MuteSnapshot snapshot, MuteCandidate alert, List<MuteSnapshot.Source> more, Instant now) {
    Optional<String> reason = snapshot.mutedBy(alert.fingerprint(), alert.labels(), more);
    return reason.isPresent() ? reason : dependency.mutedBy(alert, now);
  }
}

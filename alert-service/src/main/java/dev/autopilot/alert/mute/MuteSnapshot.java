package dev.autopilot.alert.mute;

import dev.autopilot.alert.inhibit.InhibitRule;
import dev.autopilot.alert.matcher.Matcher;
import dev.autopilot.alert.matcher.Matchers;
import dev.autopilot.alert.store.MaintenanceRepository.RunningWindow;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Everything that mutes, read once for a sweep over many alerts (running maintenance windows,
 * active silences, inhibit rules and their possible sources), so a sweep costs a few queries, not a
 * few per alert. Decides as {@link Muting} does, in the same order: maintenance, silence,
 * inhibition. Not thread-safe: one snapshot serves one sweep or one batch. (Down dependencies are
 * judged only for the health alerts that name one.)
 */
public final class MuteSnapshot {
  /** An active silence, compiled. */
  public record ActiveSilence(UUID id, List<Matcher> matchers) {}

  /** A possible inhibition source: an unresolved alert's fingerprint, id and labels. */
  public record Source(String fingerprint, UUID id, Map<String, String> labels) {}

  private final List<RunningWindow> windows;
  private final List<ActiveSilence> silences;
  private final List<InhibitRule> rules;
  private final Supplier<List<Source>> sourceReader;
  private List<Source> sources;

  /**
   * @param sources read the first time an alert is an inhibition target (most batches have none)
   */
  public MuteSnapshot(
      List<RunningWindow> windows,
      List<ActiveSilence> silences,
      List<InhibitRule> rules,
      Supplier<List<Source>> sources) {
    this.windows = windows;
    this.silences = silences;
    this.rules = rules;
    this.sourceReader = sources;
  }

  /** Whether nothing could mute anything (a sweep can skip reading the alerts). */
  public boolean isEmpty() {
    return windows.isEmpty() && silences.isEmpty() && rules.isEmpty();
  }

  /** Why an alert with this fingerprint and labels ({@code alertname} included) is muted. */
  public Optional<String> mutedBy(String fingerprint, Map<String, String> labels) {
    return mutedBy(fingerprint, labels, List.of());
  }

  /**
   * As {@link #mutedBy(String, Map)}, with {@code more} sources than were active when the snapshot
   * was read (the other new alerts of a batch being opened together: Alertmanager inhibits by every
   * alert it holds, whatever order they arrived in).
   */
  public Optional<String> mutedBy(
      String fingerprint, Map<String, String> labels, List<Source> more) {
    String service = labels.get("service");
    for (RunningWindow w : windows) {
      if (w.covers(service, labels.get("environment"))) {
        return Optional.of("maintenance:" + w.id());
      }
    }
    for (ActiveSilence s : silences) {
      if (Matchers.all(s.matchers(), labels)) {
        return Optional.of("silence:" + s.id());
      }
    }
    if (rules.stream().noneMatch(r -> r.isTarget(labels))) {
      return Optional.empty();
    }
    if (sources == null) {
      sources = sourceReader.get();
    }
    Optional<String> inhibited = inhibitedBy(sources, fingerprint, labels);
    return inhibited.isPresent() ? inhibited : inhibitedBy(more, fingerprint, labels);
  }

  private Optional<String> inhibitedBy(
      List<Source> candidates, String fingerprint, Map<String, String> labels) {
    for (Source source : candidates) {
      if (source.fingerprint().equals(fingerprint)) {
        continue;
      }
      for (InhibitRule rule : rules) {
        if (rule.inhibits(source.labels(), labels)) {
          return Optional.of("inhibited-by:" + source.id());
        }
      }
    }
    return Optional.empty();
  }
}

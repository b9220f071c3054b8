package dev.autopilot.alert.inhibit;

import dev.autopilot.alert.config.AlertConfig;
import dev.autopilot.alert.mute.MuteCandidate;
import dev.autopilot.alert.mute.Muter;
import dev.autopilot.alert.store.AlertRecord;
import dev.autopilot.alert.store.AlertRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Mutes alerts inhibited by an active alert under the configured inhibit rules ({@code
 * alert.inhibit.rules-file}, Alertmanager's {@code inhibit_rules} format). Sources are the alerts
 * that are firing, acknowledged or themselves suppressed, as Alertmanager counts every unresolved
 * alert.
 */
@ApplicationScoped
public class Inhibitor implements Muter {
  private final AlertRepository alerts;
  private final List<InhibitRule> rules;

  public Inhibitor(AlertRepository alerts, AlertConfig config) {
    this.alerts = alerts;
    this.rules = config.inhibit().rulesFile().map(Inhibitor::load).orElse(List.of());
  }

  /** The rules in effect. */
  public List<InhibitRule> rules() {
    return rules;
  }

  @Override
  public Optional<String> mutedBy(MuteCandidate alert, Instant now) {
    if (rules.stream().noneMatch(r -> r.isTarget(alert.labels()))) {
      return Optional.empty();
    }
    for (AlertRecord source : alerts.activeNotPending()) {
      if (source.fingerprint().equals(alert.fingerprint())) {
        continue;
      }
      Map<String, String> labels = withName(source);
      for (InhibitRule rule : rules) {
        if (rule.inhibits(labels, alert.labels())) {
          return Optional.of("inhibited-by:" + source.id());
        }
      }
    }
    return Optional.empty();
  }

  /** A source's labels with {@code alertname}, so rules can match on it as in Alertmanager. */
  private static Map<String, String> withName(AlertRecord source) {
    if (source.labels().containsKey("alertname")) {
      return source.labels();
    }
    Map<String, String> labels = new java.util.HashMap<>(source.labels());
    labels.put("alertname", source.name());
    return labels;
  }

  private static List<InhibitRule> load(String file) {
    try {
      return InhibitRulesFile.parse(file, Files.readString(Path.of(file)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read alert.inhibit.rules-file " + file, e);
    }
  }
}

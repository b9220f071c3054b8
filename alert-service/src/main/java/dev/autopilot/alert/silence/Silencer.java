package dev.autopilot.alert.silence;

import dev.autopilot.alert.matcher.Matchers;
import dev.autopilot.alert.mute.MuteCandidate;
import dev.autopilot.alert.mute.Muter;
import dev.autopilot.alert.store.SilenceRecord;
import dev.autopilot.alert.store.SilenceRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;

/** Mutes alerts matched by an active silence (all of its matchers). */
@ApplicationScoped
public class Silencer implements Muter {
  private final SilenceRepository silences;

  public Silencer(SilenceRepository silences) {
    this.silences = silences;
  }

  @Override
  public Optional<String> mutedBy(MuteCandidate alert, Instant now) {
    for (SilenceRecord silence : silences.active(now)) {
      if (Matchers.all(SilenceMatchers.of(silence.matchers()), alert.labels())) {
        return Optional.of("silence:" + silence.id());
      }
    }
    return Optional.empty();
  }
}

package dev.autopilot.alert.silence;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.autopilot.alert.store.MatcherSpec;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.List;

/**
 * A silence as Alertmanager's API v2 posts it ({@code createdBy} is ignored: the author is the
 * authenticated caller).
 *
 * @param startsAt when it starts; omitted means now
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record SilenceRequest(
    @NotEmpty List<@NotNull MatcherSpec> matchers,
    Instant startsAt,
    @NotNull Instant endsAt,
    @NotBlank String comment) {}

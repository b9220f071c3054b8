package dev.autopilot.alert.store;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

/**
 * An inhibit rule as the API shows it, in Alertmanager's configuration shape ({@code
 * source_matchers}, {@code target_matchers}, {@code equal}).
 *
 * @param id a UUID for rules made through the API; {@code file:<i>} for the i-th rule of {@code
 *     alert.inhibit.rules-file} (read-only)
 * @param origin {@code api}, or the file the rule was read from
 */
@RegisterForReflection
public record InhibitRuleRecord(
    String id,
    @JsonProperty("source_matchers") List<String> sourceMatchers,
    @JsonProperty("target_matchers") List<String> targetMatchers,
    List<String> equal,
    String comment,
    String origin,
    String createdBy,
    Instant createdAt,
    Instant updatedAt) {}

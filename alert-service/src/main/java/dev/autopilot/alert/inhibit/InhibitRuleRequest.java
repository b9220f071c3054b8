package dev.autopilot.alert.inhibit;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * An inhibit rule as written in Alertmanager's configuration ({@code inhibit_rules:} entries, as
 * JSON): matchers in Alertmanager's syntax ({@code alertname="NodeDown"}, {@code
 * severity=~"warning|info"}), and the labels that must be {@code equal}. The deprecated {@code
 * source_match}/{@code source_match_re} keys are not read.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record InhibitRuleRequest(
    @JsonProperty("source_matchers") List<String> sourceMatchers,
    @JsonProperty("target_matchers") List<String> targetMatchers,
    List<String> equal,
    String comment) {}

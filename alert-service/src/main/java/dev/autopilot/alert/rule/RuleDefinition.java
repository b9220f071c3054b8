package dev.autopilot.alert.rule;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.autopilot.platform.event.v1.Severity;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Map;

/**
 * A threshold rule as the API takes and shows it.
 *
 * @param name the alert name ({@code alertname}), {@code [a-zA-Z_][a-zA-Z0-9_]*}
 * @param group evaluation group (one replica evaluates a group at a time); default {@code api}
 * @param source {@code samples}, {@code events} or {@code prometheus}
 * @param expr the PromQL query of a {@code prometheus} rule (one alert per returned series)
 * @param comparison {@code >}, {@code >=}, {@code <}, {@code <=}, {@code ==}, {@code !=} against
 *     {@code threshold}; required for samples/events, optional for prometheus (whose expr usually
 *     filters already)
 * @param forDuration how long the condition must hold at every evaluation before firing
 * @param keepFiringFor how long a firing alert keeps firing after the condition stops holding
 * @param interval evaluation interval; default {@code alert.rules.default-interval}
 * @param annotations {@code summary}, {@code description}, {@code runbook_url}; templated with
 *     {@code {{ $labels.x }}} and {@code {{ $value }}}
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleDefinition(
    String name,
    String group,
    String source,
    String expr,
    SamplesExpr samples,
    EventExpr event,
    String comparison,
    Double threshold,
    @JsonProperty("for") String forDuration,
    String keepFiringFor,
    String interval,
    Severity severity,
    Map<String, String> labels,
    Map<String, String> annotations) {}

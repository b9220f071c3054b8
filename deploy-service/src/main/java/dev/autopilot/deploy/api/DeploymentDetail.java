package dev.autopilot.deploy.api;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.autopilot.deploy.store.DeploymentRecord;
import dev.autopilot.deploy.store.StepRecord;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** One deployment with every attempt at each of its steps, oldest first. */
@RegisterForReflection
public record DeploymentDetail(
    @JsonUnwrapped DeploymentRecord deployment, List<StepRecord> steps) {}

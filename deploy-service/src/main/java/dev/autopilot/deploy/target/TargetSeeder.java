package dev.autopilot.deploy.target;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.autopilot.deploy.config.DeployConfig;
import dev.autopilot.deploy.store.TargetRepository;
import dev.autopilot.platform.problem.Problem;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Seeds the target table at start from the {@code deploy.services.*} properties and then the YAML
 * file {@code deploy.targets-file}: every target they name is created or replaced (the file wins
 * for the targets it names). An invalid target stops the start, naming it and the field.
 */
@Startup
@ApplicationScoped
public class TargetSeeder {
  private static final Logger LOG = Logger.getLogger(TargetSeeder.class);
  private static final String BY = "config";

  private final DeployConfig config;
  private final TargetRepository targets;

  public TargetSeeder(DeployConfig config, TargetRepository targets) {
    this.config = config;
    this.targets = targets;
  }

  /** The YAML file's shape. */
  @RegisterForReflection
  @JsonIgnoreProperties(ignoreUnknown = false)
  public record TargetsFile(List<TargetConfig> targets) {}

  @PostConstruct
  void seed() {
    List<TargetConfig> all = new ArrayList<>(fromProperties(config));
    config.targetsFile().ifPresent(file -> all.addAll(fromYaml(Path.of(file))));
    List<String> problems = new ArrayList<>();
    for (TargetConfig target : all) {
      for (Problem.FieldError error : TargetValidator.problems(target.withDefaults())) {
        problems.add(target.target() + ": " + error.field() + " " + error.message());
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException("invalid deploy targets: " + String.join("; ", problems));
    }
    all.forEach(target -> targets.upsert(target, BY));
    LOG.infof("deploy targets seeded from configuration: %d", all.size());
  }

  /** One target per environment of each {@code deploy.services.*} entry. */
  static List<TargetConfig> fromProperties(DeployConfig config) {
    List<TargetConfig> result = new ArrayList<>();
    for (Map.Entry<String, DeployConfig.Service> entry : config.services().entrySet()) {
      DeployConfig.Service s = entry.getValue();
      for (String environment : s.environments()) {
        result.add(
            new TargetConfig(
                entry.getKey(),
                environment,
                TargetConfig.COMMAND,
                new TargetConfig.Commands(
                    s.command(), s.rollbackCommand().orElse(null), s.migrateCommand().orElse(null)),
                s.commandTimeout().toString(),
                null,
                new TargetConfig.HealthGate(
                    TargetConfig.HealthGate.URL,
                    s.readinessUrl(),
                    1,
                    s.readinessTimeout().toString(),
                    "1s"),
                s.backupSource().orElse(null),
                s.backupTimeout().toString(),
                null,
                s.bakeTime().toString(),
                0,
                null,
                List.of(),
                false,
                false,
                true,
                null));
      }
    }
    return result;
  }

  static List<TargetConfig> fromYaml(Path file) {
    ObjectMapper yaml =
        YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    try {
      TargetsFile parsed = yaml.readValue(Files.readAllBytes(file), TargetsFile.class);
      return parsed == null || parsed.targets() == null ? List.of() : parsed.targets();
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot read deploy.targets-file " + file + ": " + e.getMessage(), e);
    }
  }
}

package dev.autopilot.deploy.target;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.autopilot.deploy.config.DeployConfig;
import dev.autopilot.deploy.maintenance.CalendarWrites;
import dev.autopilot.deploy.maintenance.Freeze;
import dev.autopilot.deploy.maintenance.MaintenanceWindow;
import dev.autopilot.deploy.store.TargetRepository;
import dev.autopilot.platform.problem.Problem;
import dev.autopilot.platform.problem.ProblemException;
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
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Seeds the target table at start from the {@code deploy.services.*} properties and then the YAML
 * file {@code deploy.targets-file}: every target they name is created or replaced (the file wins
 * for the targets it names). The file's maintenance windows and freezes are created once (their id
 * derives from their definition; delete them over REST). Anything invalid stops the start, naming
 * the target or entry and the field.
 */
@Startup
@ApplicationScoped
public class TargetSeeder {
  private static final Logger LOG = Logger.getLogger(TargetSeeder.class);
  private static final String BY = "config";

  private final DeployConfig config;
  private final TargetRepository targets;
  private final CalendarWrites calendar;

  public TargetSeeder(DeployConfig config, TargetRepository targets, CalendarWrites calendar) {
    this.config = config;
    this.targets = targets;
    this.calendar = calendar;
  }

  /**
   * The YAML file's shape: targets, and the maintenance windows and freezes that go with them (the
   * bodies {@code POST /maintenance-windows} and {@code POST /freezes} take).
   */
  @RegisterForReflection
  @JsonIgnoreProperties(ignoreUnknown = false)
  public record TargetsFile(
      List<TargetConfig> targets,
      List<MaintenanceWindow> maintenanceWindows,
      List<Freeze> freezes) {
    /** Every list present (empty when the file leaves it out). */
    public TargetsFile {
      targets = targets == null ? List.of() : targets;
      maintenanceWindows = maintenanceWindows == null ? List.of() : maintenanceWindows;
      freezes = freezes == null ? List.of() : freezes;
    }
  }

  @PostConstruct
  void seed() {
    List<TargetConfig> all = new ArrayList<>(fromProperties(config));
    TargetsFile file =
        config
            .targetsFile()
            .map(path -> fromYaml(Path.of(path)))
            .orElse(new TargetsFile(null, null, null));
    all.addAll(file.targets());
    List<String> problems =
        problems(new TargetsFile(all, file.maintenanceWindows(), file.freezes()));
    if (!problems.isEmpty()) {
      throw new IllegalStateException("invalid deploy targets: " + String.join("; ", problems));
    }
    all.forEach(target -> targets.upsert(target, BY));
    long windows = file.maintenanceWindows().stream().filter(w -> calendar.seed(w, BY)).count();
    long freezes = file.freezes().stream().filter(f -> calendar.seed(f, BY)).count();
    LOG.infof(
        "deploy targets seeded from configuration: %d; new maintenance windows %d, freezes %d",
        all.size(), windows, freezes);
  }

  /**
   * What is wrong with a targets file's content, one line per field ("shop/prod: commands.deploy is
   * required", "maintenanceWindows[0]: cron ..."); empty when it can be used. The start and the
   * config-pack test both check with this.
   */
  public static List<String> problems(TargetsFile file) {
    List<String> problems = new ArrayList<>();
    for (TargetConfig target : file.targets()) {
      for (Problem.FieldError error : TargetValidator.problems(target.withDefaults())) {
        problems.add(target.target() + ": " + error.field() + " " + error.message());
      }
    }
    for (int i = 0; i < file.maintenanceWindows().size(); i++) {
      MaintenanceWindow w = file.maintenanceWindows().get(i);
      calendarProblem("maintenanceWindows[" + i + "]", () -> CalendarWrites.check(w))
          .ifPresent(problems::add);
    }
    for (int i = 0; i < file.freezes().size(); i++) {
      Freeze f = file.freezes().get(i);
      calendarProblem("freezes[" + i + "]", () -> CalendarWrites.check(f)).ifPresent(problems::add);
    }
    return problems;
  }

  private static Optional<String> calendarProblem(String where, Runnable check) {
    try {
      check.run();
      return Optional.empty();
    } catch (ProblemException e) {
      return Optional.of(where + ": " + e.getMessage());
    }
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
                    "1s",
                    null),
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

  /** Reads a targets file (unknown fields are errors). */
  public static TargetsFile fromYaml(Path file) {
    ObjectMapper yaml =
        YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(new JavaTimeModule())
            .build();
    try {
      TargetsFile parsed = yaml.readValue(Files.readAllBytes(file), TargetsFile.class);
      return parsed == null ? new TargetsFile(null, null, null) : parsed;
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot read deploy.targets-file " + file + ": " + e.getMessage(), e);
    }
  }
}

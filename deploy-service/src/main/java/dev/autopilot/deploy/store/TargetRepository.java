package dev.autopilot.deploy.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autopilot.deploy.target.TargetConfig;
import dev.autopilot.platform.store.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Deployment targets (service/environment configuration) as JSON documents. */
@ApplicationScoped
public class TargetRepository {
  private final Jdbc jdbc;
  private final ObjectMapper mapper;

  public TargetRepository(Jdbc jdbc, ObjectMapper mapper) {
    this.jdbc = jdbc;
    this.mapper = mapper;
  }

  /** Creates or replaces a target's configuration; returns true when it was new. */
  public boolean upsert(TargetConfig config, String by) {
    String json;
    try {
      json = mapper.writeValueAsString(config);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write target " + config.target(), e);
    }
    return jdbc.one(
            "insert into deploy_target (service, environment, config, updated_by)"
                + " values (?, ?, ?::jsonb, ?) on conflict (service, environment) do update"
                + " set config = excluded.config, updated_by = excluded.updated_by,"
                + " updated_at = now() returning (xmax = 0)",
            rs -> rs.getBoolean(1),
            config.service(),
            config.environment(),
            json,
            by)
        .orElse(false);
  }

  /** One target's configuration (with defaults applied). */
  public Optional<TargetConfig> find(String service, String environment) {
    return jdbc.one(
        "select config, service, environment from deploy_target"
            + " where service = ? and environment = ?",
        this::read,
        service,
        environment);
  }

  /** Every target, optionally of one service, ordered by service then environment. */
  public List<TargetConfig> list(String service) {
    return service == null
        ? jdbc.list(
            "select config, service, environment from deploy_target order by service, environment",
            this::read)
        : jdbc.list(
            "select config, service, environment from deploy_target where service = ?"
                + " order by environment",
            this::read,
            service);
  }

  /** The configured services, sorted. */
  public List<String> services() {
    return jdbc.list(
        "select distinct service from deploy_target order by service", rs -> rs.getString(1));
  }

  /** The environments a service is configured for. */
  public List<String> environmentsOf(String service) {
    return jdbc.list(
        "select environment from deploy_target where service = ? order by environment",
        rs -> rs.getString(1),
        service);
  }

  /** Removes a target; false when it did not exist. */
  public boolean delete(String service, String environment) {
    return jdbc.update(
            "delete from deploy_target where service = ? and environment = ?", service, environment)
        == 1;
  }

  private TargetConfig read(ResultSet rs) throws SQLException {
    try {
      return mapper
          .readValue(rs.getString(1), TargetConfig.class)
          .withDefaults(rs.getString(2), rs.getString(3));
    } catch (JsonProcessingException e) {
      throw new SQLException("unreadable target configuration", e);
    }
  }
}

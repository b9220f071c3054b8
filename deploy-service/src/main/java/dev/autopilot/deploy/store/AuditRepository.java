package dev.autopilot.deploy.store;

import dev.autopilot.platform.store.Jdbc;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** The audit log: overrides of safety nets and admin changes, who, when and why. */
@ApplicationScoped
public class AuditRepository {
  private final Jdbc jdbc;

  public AuditRepository(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /** One audited action. */
  @RegisterForReflection
  public record Entry(
      long id, Instant at, String actor, String action, String subject, String reason) {}

  /** Records an action, in the caller's transaction. */
  public void record(String actor, String action, String subject, String reason) {
    jdbc.update(
        "insert into audit_log (actor, action, subject, reason) values (?, ?, ?, ?)",
        actor,
        action,
        subject,
        reason);
  }

  /** The newest entries first. */
  public List<Entry> list(int limit) {
    return jdbc.list(
        "select id, at, actor, action, subject, reason from audit_log order by id desc limit ?",
        rs ->
            new Entry(
                rs.getLong(1),
                Jdbc.instant(rs, 2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6)),
        limit);
  }
}

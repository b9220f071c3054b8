package dev.autopilot.alert.inhibit;

import dev.autopilot.alert.lifecycle.Suppressions;
import dev.autopilot.alert.store.InhibitRuleRecord;
import dev.autopilot.alert.store.InhibitRuleRepository;
import dev.autopilot.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Inhibit rules at runtime: made, changed and deleted through the API, kept in Postgres (so every
 * replica and every restart has them), applied in the same transaction to the alerts already active
 * — a new rule suppresses the firing targets of active sources, a changed or deleted one releases
 * the targets nothing inhibits any more. The rules of {@code alert.inhibit.rules-file} are listed
 * too but read-only (change the file and restart, as with Alertmanager).
 */
@ApplicationScoped
public class InhibitRuleService {
  private static final String INHIBITED = "inhibited-by:";

  private final InhibitRuleRepository rules;
  private final Inhibitor inhibitor;
  private final Suppressions suppressions;

  public InhibitRuleService(
      InhibitRuleRepository rules, Inhibitor inhibitor, Suppressions suppressions) {
    this.rules = rules;
    this.inhibitor = inhibitor;
    this.suppressions = suppressions;
  }

  /** The file's rules, then the API's. */
  public List<InhibitRuleRecord> list() {
    List<InhibitRuleRecord> all = new ArrayList<>(inhibitor.fileRules());
    all.addAll(rules.all());
    return all;
  }

  /** One rule; 404 if unknown. */
  public InhibitRuleRecord find(String id) {
    if (id.startsWith("file:")) {
      return inhibitor.fileRules().stream()
          .filter(r -> r.id().equals(id))
          .findFirst()
          .orElseThrow(() -> notFound(id));
    }
    return rules.find(uuid(id)).orElseThrow(() -> notFound(id));
  }

  /** A new rule by {@code author}; 400 names the bad field. */
  @Transactional
  public InhibitRuleRecord create(InhibitRuleRequest request, String author) {
    UUID id = UUID.randomUUID();
    save(id, request, author);
    suppressions.muteActive(author);
    return rules.find(id).orElseThrow();
  }

  /** Replaces a rule made through the API; 404 if unknown, 409 for a rule from the file. */
  @Transactional
  public InhibitRuleRecord update(String id, InhibitRuleRequest request, String author) {
    UUID key = existing(id);
    save(key, request, author);
    suppressions.release(INHIBITED, author);
    suppressions.muteActive(author);
    return rules.find(key).orElseThrow();
  }

  /** Deletes a rule made through the API and releases what it held; 404, or 409 for the file's. */
  @Transactional
  public void delete(String id, String author) {
    rules.delete(existing(id));
    inhibitor.refresh();
    suppressions.release(INHIBITED, author);
  }

  private void save(UUID id, InhibitRuleRequest request, String author) {
    InhibitRules.validate(request.sourceMatchers(), request.targetMatchers(), request.equal());
    rules.save(
        id,
        request.sourceMatchers(),
        request.targetMatchers(),
        request.equal() == null ? List.of() : request.equal(),
        request.comment(),
        author,
        Instant.now().truncatedTo(ChronoUnit.MICROS));
    inhibitor.refresh();
  }

  private UUID existing(String id) {
    if (id.startsWith("file:")) {
      find(id);
      throw ProblemException.conflict(
          "inhibit rule " + id + " is from the rules file; change the file and restart");
    }
    UUID key = uuid(id);
    rules.find(key).orElseThrow(() -> notFound(id));
    return key;
  }

  private static UUID uuid(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw notFound(id);
    }
  }

  private static ProblemException notFound(String id) {
    return ProblemException.notFound("inhibit rule " + id + " does not exist");
  }
}

package dev.autopilot.notification.route;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autopilot.notification.config.NotificationConfig;
import dev.autopilot.notification.notice.Notice;
import dev.autopilot.notification.receiver.Integration;
import dev.autopilot.notification.receiver.Receiver;
import dev.autopilot.notification.route.RoutingDocument.EmailSpec;
import dev.autopilot.notification.route.RoutingDocument.ReceiverSpec;
import dev.autopilot.notification.route.RoutingDocument.RouteSpec;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Decides who hears about a notice: the routing tree (Alertmanager semantics) over the notice's
 * labels, then each matched route's receiver's integrations and addresses, each once.
 *
 * <p>Where the tree comes from, first found wins: the document written through {@code PUT /routing}
 * (Postgres, shared by replicas, re-read every {@code notification.routing.refresh}), the YAML file
 * {@code notification.routing.file}, or the default: one receiver {@code default} emailing {@code
 * notification.email.to}.
 */
@ApplicationScoped
public class Router {
  private static final Logger LOG = Logger.getLogger(Router.class);

  private final RoutingStore store;
  private final ObjectMapper mapper;
  private final CompiledRouting fallback;
  private final Duration refresh;
  private volatile CompiledRouting current;
  private volatile Instant storedAt;
  private volatile Instant checkedAt = Instant.EPOCH;

  public Router(NotificationConfig config, RoutingStore store, ObjectMapper mapper) {
    this.store = store;
    this.mapper = mapper;
    this.refresh = config.routing().refresh();
    Optional<String> file = config.routing().file().filter(f -> !f.isBlank());
    if (file.isPresent()) {
      String text;
      try {
        text = Files.readString(Path.of(file.get()));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read notification.routing.file " + file.get(), e);
      }
      try {
        this.fallback = RoutingDocuments.compile(text);
      } catch (InvalidRoutingException e) {
        throw new IllegalStateException(
            "notification.routing.file " + file.get() + ": " + e.getMessage(), e);
      }
    } else {
      this.fallback = RoutingCompiler.compile(defaultDocument(config.email().to()));
    }
    this.current = fallback;
  }

  /** The default routing: everything by email to {@code addresses}. */
  static RoutingDocument defaultDocument(List<String> addresses) {
    return new RoutingDocument(
        List.of(
            new ReceiverSpec(
                "default",
                List.of(new EmailSpec(addresses.stream().map(String::strip).toList())),
                null,
                null,
                null,
                null,
                null)),
        new RouteSpec("default", null, null, null, null, null, null, null, null, null, null),
        null,
        null,
        null,
        null);
  }

  /** The routing in force (re-read from Postgres when the refresh period passed). */
  public CompiledRouting current() {
    Instant now = Instant.now();
    if (now.isAfter(checkedAt.plus(refresh))) {
      checkedAt = now;
      try {
        Optional<RoutingStore.Stored> stored = store.load();
        if (stored.isEmpty()) {
          current = fallback;
          storedAt = null;
        } else if (!stored.get().updatedAt().equals(storedAt)) {
          current = RoutingDocuments.compile(stored.get().yaml());
          storedAt = stored.get().updatedAt();
        }
      } catch (RuntimeException e) {
        LOG.warnf("keeping the routing in force; cannot load the stored one: %s", e.getMessage());
      }
    }
    return current;
  }

  /** Validates, stores and applies a routing document written through the API. */
  public CompiledRouting replace(String text, String by) {
    CompiledRouting compiled = RoutingDocuments.compile(text);
    store.save(RoutingDocuments.yaml(compiled.source()), by);
    current = compiled;
    checkedAt = Instant.EPOCH;
    return compiled;
  }

  /** The labels a notice is routed on. */
  public Map<String, String> labels(Notice notice) {
    return NoticeLabels.of(notice, mapper);
  }

  /** The matched routes of a notice, depth first. */
  public List<Route> match(CompiledRouting routing, Map<String, String> labels) {
    return routing.root().match(labels);
  }

  /** The recipients a route reaches, each address of each integration of its receiver once. */
  public List<Recipient> recipients(CompiledRouting routing, List<Route> routes) {
    List<Recipient> recipients = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (Route route : routes) {
      Receiver receiver = routing.receivers().get(route.receiver());
      if (receiver == null) {
        continue;
      }
      for (Integration integration : receiver.integrations()) {
        for (String address : integration.addresses()) {
          if (seen.add(integration.channel() + "|" + receiver.name() + "|" + address)) {
            recipients.add(
                new Recipient(
                    receiver.name(), integration.channel(), address, integration.target(), route));
          }
        }
      }
    }
    return recipients;
  }
}

package dev.autopilot.platform.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Configuration shared by every service ({@code autopilot.*}). */
@ConfigMapping(prefix = "autopilot")
public interface PlatformConfig {
  /**
   * This service's name: the CloudEvents source is {@code /<name>} and consumers are named by it.
   */
  String serviceName();

  /** Authentication settings. */
  Auth auth();

  /** The {@code /q/metrics} guard (seed runbook 004's METRICS_GUARD). */
  Metrics metrics();

  /** Transactional outbox relay. */
  Outbox outbox();

  /** Event consumption. */
  Consumer consumer();

  /** Topic management. */
  Kafka kafka();

  /** How this service authenticates when it calls another service's API. */
  Client client();

  /** Outgoing calls to other services. */
  interface Client {
    /**
     * Bearer token (an API token or JWT) sent to other services; env AUTOPILOT_CLIENT_TOKEN. Its
     * role must cover what the caller does (deploy-service restores need admin).
     */
    Optional<String> token();
  }

  /** Signed one-time acknowledge links (platform.acklink.AckLinks). */
  AckLinkSettings ackLinks();

  /** Signed one-time acknowledge links. */
  interface AckLinkSettings {
    /** Shared HMAC key; without it no links are issued or accepted. */
    Optional<String> key();

    /** How long a link stays valid. */
    @WithDefault("P1D")
    Duration ttl();

    /** alert-service's public base URL that links point at, e.g. http://localhost:8082. */
    Optional<String> baseUrl();
  }

  /** Authentication settings. */
  interface Auth {
    /** File of API tokens, one per line: {@code <name> <role> <sha256-hex>}; hashes only. */
    Optional<String> tokensFile();
  }

  /** The {@code /q/metrics} guard. */
  interface Metrics {
    /** none, secret (header x-metrics-secret) or cidr (allowlist). */
    @WithDefault("none")
    String guard();

    /** The shared secret when guard=secret. */
    Optional<String> secret();

    /** Allowed client networks when guard=cidr. */
    @WithDefault("127.0.0.1/32,::1/128")
    List<String> allowedCidrs();
  }

  /** Transactional outbox relay. */
  interface Outbox {
    /** Polling fallback when no NOTIFY arrives. */
    @WithDefault("2s")
    Duration pollInterval();

    /** Rows published per batch. */
    @WithDefault("200")
    int batchSize();

    /** Sent rows older than this are deleted. */
    @WithDefault("P7D")
    Duration keepSent();

    /** Whether the relay runs in this process. */
    @WithDefault("true")
    boolean relayEnabled();
  }

  /** Event consumption. */
  interface Consumer {
    /** Attempts for a retriable failure before the record is dead-lettered. */
    @WithDefault("5")
    int maxAttempts();

    /** Backoff before the first retry; doubles each attempt. */
    @WithDefault("200ms")
    Duration initialBackoff();
  }

  /** Topic management. */
  interface Kafka {
    /** Create the catalog's topics and dead-letter topics at start when missing. */
    @WithDefault("true")
    boolean createTopics();

    /** Partitions of topics this service creates. */
    @WithDefault("3")
    int partitions();

    /** Replication factor of topics this service creates. */
    @WithDefault("1")
    short replicationFactor();
  }
}

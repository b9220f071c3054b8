package dev.autopilot.platform.dlq;

/** Headers a dead-lettered record carries besides its original ones (SmallRye's names). */
public final class DeadLetterHeaders {
  public static final String REASON = "dead-letter-reason";
  public static final String TOPIC = "dead-letter-topic";
  public static final String PARTITION = "dead-letter-partition";
  public static final String OFFSET = "dead-letter-offset";
  public static final String CONSUMER = "dead-letter-consumer";

  /**
   * Set when the payload on the {@code .dlq} topic is cut to fit a Kafka record: the original size
   * in bytes (the whole payload is kept in the service's dead-letter table and replayed from it).
   */
  public static final String PAYLOAD_TRUNCATED = "dead-letter-payload-truncated";

  private DeadLetterHeaders() {}
}

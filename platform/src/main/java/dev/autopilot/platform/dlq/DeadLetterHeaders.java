package dev.autopilot.platform.dlq;

/** Headers a dead-lettered record carries besides its original ones (SmallRye's names). */
public final class DeadLetterHeaders {
  public static final String REASON = "dead-letter-reason";
  public static final String TOPIC = "dead-letter-topic";
  public static final String PARTITION = "dead-letter-partition";
  public static final String OFFSET = "dead-letter-offset";
  public static final String CONSUMER = "dead-letter-consumer";

  private DeadLetterHeaders() {}
}

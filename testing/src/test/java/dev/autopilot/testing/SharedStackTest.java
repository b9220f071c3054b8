package dev.autopilot.testing;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each server of the shared stack answers over the network. */
class SharedStackTest {
  private static SharedStack stack;

  @BeforeAll
  static void startStack() {
    long t0 = System.nanoTime();
    stack = SharedStack.get();
    System.out.printf(
        "SharedStack.get() took %d ms (stack start-up %d ms)%n",
        (System.nanoTime() - t0) / 1_000_000, stack.startupTime().toMillis());
  }

  @Test
  void isOnePerJvm() {
    assertSame(stack, SharedStack.get());
  }

  @Test
  void kafkaDeliversPlainRecordsWithHeaders() {
    String topic = "test.plain." + UUID.randomUUID();
    try (KafkaTestClient kafka = new KafkaTestClient(stack.bootstrapServers())) {
      kafka.send(topic, "k1", "one", Map.of("x-test", "a"));
      kafka.send(topic, "k2", "two".getBytes(StandardCharsets.UTF_8), null);

      List<ConsumerRecord<String, byte[]>> records =
          kafka.awaitRecords(topic, r -> r.key().equals("k2"), 1, Duration.ofSeconds(30));

      assertEquals("two", KafkaTestClient.valueAsString(records.get(0)));
      ConsumerRecord<String, byte[]> first =
          kafka.awaitRecords(topic, r -> true, 2, Duration.ofSeconds(30)).stream()
              .filter(r -> r.key().equals("k1"))
              .findFirst()
              .orElseThrow();
      assertEquals("a", KafkaTestClient.headerValue(first, "x-test"));
      assertNull(KafkaTestClient.headerValue(first, "absent"));
    }
  }

  @Test
  void kafkaCarriesCloudEventsInBinaryMode() {
    String topic = "test.events." + UUID.randomUUID();
    try (KafkaTestClient kafka = new KafkaTestClient(stack.bootstrapServers())) {
      kafka.sendCloudEvent(topic, "dev.autopilot.test.other.v1", "/test", "other", "{}");
      String id =
          kafka.sendCloudEvent(
              topic, "dev.autopilot.test.pinged.v1", "/test", "api", "{\"target\":\"api\"}");

      ConsumerRecord<String, byte[]> record =
          kafka
              .awaitRecords(
                  topic,
                  r -> id.equals(KafkaTestClient.headerValue(r, "ce_id")),
                  1,
                  Duration.ofSeconds(30))
              .get(0);

      assertEquals("api", record.key());
      assertEquals("{\"target\":\"api\"}", KafkaTestClient.valueAsString(record));
      assertEquals("1.0", KafkaTestClient.headerValue(record, "ce_specversion"));
      assertEquals("dev.autopilot.test.pinged.v1", KafkaTestClient.headerValue(record, "ce_type"));
      assertEquals("/test", KafkaTestClient.headerValue(record, "ce_source"));
      assertEquals("api", KafkaTestClient.headerValue(record, "ce_subject"));
      assertEquals("application/json", KafkaTestClient.headerValue(record, "content-type"));
      Instant time = Instant.parse(KafkaTestClient.headerValue(record, "ce_time"));
      assertTrue(time.isAfter(Instant.now().minusSeconds(60)) && !time.isAfter(Instant.now()));
    }
  }

  @Test
  void awaitRecordsFailsWhenTooFewArrive() {
    String topic = "test.empty." + UUID.randomUUID();
    try (KafkaTestClient kafka = new KafkaTestClient(stack.bootstrapServers())) {
      kafka.send(topic, "k", "v", Map.of());
      assertThrows(
          AssertionError.class,
          () -> kafka.awaitRecords(topic, r -> true, 2, Duration.ofSeconds(3)));
    }
  }

  @Test
  void postgresAnswersOnACreatedDatabase() throws Exception {
    stack.createDatabase("stack_test");
    stack.createDatabase("stack_test"); // idempotent

    assertEquals("1 stack_test", selectOne("stack_test"));
  }

  @Test
  void redisAnswersPing() throws Exception {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", stack.redisPort()), 5_000);
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      out.write("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] reply = in.readNBytes(7);
      assertEquals("+PONG\r\n", new String(reply, StandardCharsets.US_ASCII));
    }
    assertEquals("redis://127.0.0.1:" + stack.redisPort(), stack.redisUrl());
  }

  @Test
  void smtpReceivesMail() throws Exception {
    String subject = "stack test " + UUID.randomUUID();
    Properties props = new Properties();
    props.put("mail.smtp.host", "127.0.0.1");
    props.put("mail.smtp.port", Integer.toString(stack.smtpPort()));
    MimeMessage message = new MimeMessage(Session.getInstance(props));
    message.setFrom(new InternetAddress("autopilot@example.test"));
    message.setRecipient(Message.RecipientType.TO, new InternetAddress("oncall@example.test"));
    message.setSubject(subject);
    message.setText("disk full on db-1");
    Transport.send(message);

    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                Arrays.stream(stack.greenMail().getReceivedMessages())
                    .anyMatch(m -> subjectIs(m, subject)));
    MimeMessage received =
        Arrays.stream(stack.greenMail().getReceivedMessages())
            .filter(m -> subjectIs(m, subject))
            .findFirst()
            .orElseThrow();
    assertEquals("oncall@example.test", received.getAllRecipients()[0].toString());
    assertEquals("disk full on db-1", received.getContent().toString().strip());
  }

  @Test
  void resourceHandsQuarkusTheStack() throws Exception {
    AutopilotStackResource resource = new AutopilotStackResource();
    resource.init(Map.of("database", "resource_test", "reactive", "true"));
    Map<String, String> config = resource.start();
    resource.stop();

    assertEquals(stack.bootstrapServers(), config.get("kafka.bootstrap.servers"));
    assertEquals(stack.jdbcUrl("resource_test"), config.get("quarkus.datasource.jdbc.url"));
    assertEquals(
        "postgresql://127.0.0.1:" + stack.postgresPort() + "/resource_test",
        config.get("quarkus.datasource.reactive.url"));
    assertEquals("postgres", config.get("quarkus.datasource.username"));
    assertEquals("postgres", config.get("quarkus.datasource.password"));
    assertEquals(stack.redisUrl(), config.get("quarkus.redis.hosts"));
    assertEquals("127.0.0.1", config.get("quarkus.mailer.host"));
    assertEquals(Integer.toString(stack.smtpPort()), config.get("quarkus.mailer.port"));
    assertEquals("false", config.get("quarkus.mailer.mock"));
    assertEquals("false", config.get("quarkus.devservices.enabled"));
    assertEquals("https://autopilot.test", config.get("mp.jwt.verify.issuer"));
    assertEquals(TestTokens.tokensFile().toString(), config.get("autopilot.auth.tokens-file"));
    assertEquals(
        Files.readString(TestTokens.publicKeyFile()), config.get("mp.jwt.verify.publickey"));
    // The resource created the database, and its stop() left the stack running.
    assertEquals("1 resource_test", selectOne("resource_test"));
  }

  /** {@code SELECT 1, current_database()} over JDBC, as "1 <database>". */
  private static String selectOne(String database) throws Exception {
    Properties login = new Properties();
    login.setProperty("user", "postgres");
    login.setProperty("password", "anything");
    try (Connection c = new org.postgresql.Driver().connect(stack.jdbcUrl(database), login);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT 1, current_database()")) {
      assertTrue(rs.next());
      return rs.getInt(1) + " " + rs.getString(2);
    }
  }

  private static boolean subjectIs(MimeMessage message, String subject) {
    try {
      return subject.equals(message.getSubject());
    } catch (jakarta.mail.MessagingException e) {
      return false;
    }
  }
}

package dev.autopilot.notification.channel.email;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Not a test: the measurement behind {@code quarkus.mailer.keep-alive-timeout} (see
 * docs/notification-service.md, "SMTP connections"). The Vert.x mail client, as Quarkus Mailer uses
 * it, sends from several threads at random intervals around the idle cut-off of a GreenMail SMTP
 * server (scaled down to milliseconds); it counts the sends that failed and those that hung (no
 * answer in 5 s). Arguments: server idle cut-off ms, sends per thread, threads, pool keep-alive ms.
 * Run by hand (command in the docs); its figures vary from run to run.
 */
public final class SmtpPoolRace {
  private SmtpPoolRace() {}

  public static void main(String[] args) throws Exception {
    int idleCutOff = Integer.parseInt(args[0]);
    int sends = Integer.parseInt(args[1]);
    int threads = Integer.parseInt(args[2]);
    int keepAlive = Integer.parseInt(args[3]);
    GreenMail server =
        new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
    server.start();
    server.getSmtp().setClientSocketTimeout(idleCutOff);
    Vertx vertx = Vertx.vertx();
    MailClient client =
        MailClient.create(
            vertx,
            new MailConfig()
                .setHostname("127.0.0.1")
                .setPort(server.getSmtp().getPort())
                .setStarttls(StartTLSOptions.DISABLED)
                .setKeepAlive(true)
                .setKeepAliveTimeout(keepAlive)
                .setKeepAliveTimeoutUnit(TimeUnit.MILLISECONDS));
    AtomicInteger sent = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    AtomicInteger hung = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    for (int t = 0; t < threads; t++) {
      pool.submit(
          () -> {
            for (int i = 0; i < sends; i++) {
              Thread.sleep(ThreadLocalRandom.current().nextInt(2 * idleCutOff));
              MailMessage mail =
                  new MailMessage()
                      .setFrom("race@smtp.test")
                      .setTo("inbox@smtp.test")
                      .setSubject("race " + i)
                      .setText("race");
              try {
                client
                    .sendMail(mail)
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(5, TimeUnit.SECONDS);
                sent.incrementAndGet();
              } catch (TimeoutException e) {
                hung.incrementAndGet();
              } catch (ExecutionException e) {
                failed.incrementAndGet();
                System.out.println("failed: " + e.getCause().getMessage());
              }
            }
            return null;
          });
    }
    pool.shutdown();
    pool.awaitTermination(1, TimeUnit.HOURS);
    System.out.printf(
        "idle cut-off %d ms, pool keep-alive %d ms: %d sent, %d failed, %d hung (%d received)%n",
        idleCutOff,
        keepAlive,
        sent.get(),
        failed.get(),
        hung.get(),
        server.getReceivedMessages().length);
    vertx.close();
    server.stop();
  }
}

package dev.autopilot.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import com.microsoft.playwright.options.SameSiteAttribute;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The operator console (started by {@code ./autopilot up} like the services) in a real headless
 * Chromium (Debian's, driven by Playwright's Java client): sign in with an API token, acknowledge a
 * firing alert, silence it and expire the silence, roll back a deployment; a viewer sees no action
 * buttons, and forged posts (no CSRF token, or from another site) change nothing. Screenshots go to
 * docs/screenshots/console-*.png.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(5)
class ConsoleBrowserTest {
  private static final Duration FLOW = Duration.ofMinutes(3);
  private static final String CONSOLE = "http://127.0.0.1:" + Suite.CONSOLE;

  private static Suite suite;
  private static String operator;
  private static String viewer;
  private static String rollbackVersion;
  private static Playwright playwright;
  private static Browser browser;
  private static final String RUN = Long.toString(System.currentTimeMillis() % 1_000_000);

  @BeforeAll
  static void start() throws Exception {
    suite = Suite.get();
    operator = suite.createToken("operator");
    viewer = suite.createToken("viewer");
    // A deployment to roll back needs a version before it: deploy-service runs these one after
    // the other (oldest first) while the alert steps below run in the browser.
    JsonNode current = Http.get(Suite.DEPLOY, "/targets/current", suite.adminToken).body();
    boolean demoDeployed = false;
    for (JsonNode target : current) {
      demoDeployed |= "demo".equals(target.path("service").asText());
    }
    if (!demoDeployed) {
      requestDeployment("1.2." + RUN);
    }
    rollbackVersion = "1.3." + RUN;
    requestDeployment(rollbackVersion);

    playwright =
        Playwright.create(
            new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    browser =
        playwright
            .chromium()
            .launch(
                new BrowserType.LaunchOptions()
                    .setExecutablePath(Paths.get("/usr/bin/chromium"))
                    .setArgs(
                        List.of(
                            "--no-sandbox",
                            "--disable-gpu",
                            "--disable-background-networking",
                            "--disable-component-update",
                            "--disable-sync")));
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (playwright != null) {
      playwright.close();
    }
  }

  @Test
  @Order(1)
  void operatorAcknowledgesSilencesAndExpiresTheSilence() throws Exception {
    String name = "ConsoleAck" + RUN;
    String alertId = fire(name);
    try (BrowserContext context = browser.newContext()) {
      Page page = signIn(context, operator);

      // The cookie keeps the token away from scripts and other sites (Secure only over https).
      Cookie cookie =
          context.cookies().stream()
              .filter(c -> c.name.equals("autopilot_console"))
              .findFirst()
              .orElseThrow();
      assertThat(cookie.httpOnly).isTrue();
      assertThat(cookie.sameSite).isEqualTo(SameSiteAttribute.STRICT);
      assertThat(cookie.secure).isFalse();
      assertThat(page.locator("#role").textContent()).isEqualTo("operator");

      Locator row = page.locator("tr[data-alert-id='" + alertId + "']");
      assertThat(row.locator(".state").textContent()).isEqualTo("FIRING");
      screenshot(page, "console-alerts");
      row.locator("button.ack").click();
      assertThat(page.locator(".done").textContent()).isEqualTo("Alert acknowledged.");
      assertThat(row.locator(".state").textContent()).isEqualTo("ACKNOWLEDGED");
      JsonNode acked = Http.get(Suite.ALERT, "/alerts/" + alertId, operator).body();
      assertThat(acked.path("state").asText()).isEqualTo("ACKNOWLEDGED");
      assertThat(acked.path("acknowledgedBy").asText()).startsWith("token:e2e-operator-");

      // Silence exactly this alert's labels for an hour, from its row.
      String comment = "e2e console silence " + RUN;
      row.locator("form.silence select[name=duration]").selectOption("1h");
      row.locator("form.silence input[name=comment]").fill(comment);
      row.locator("form.silence button").click();
      assertThat(page.locator(".done").textContent()).isEqualTo("Silence created.");
      Locator silence = page.locator("#silences tr", new Page.LocatorOptions().setHasText(comment));
      assertThat(silence.locator(".state").textContent()).isEqualTo("active");
      JsonNode created = silenceWithComment(comment);
      assertThat(created.path("matchers").toString()).contains("\"value\":\"" + name + "\"");
      assertThat(
              Duration.between(
                  java.time.Instant.parse(created.path("startsAt").asText()),
                  java.time.Instant.parse(created.path("endsAt").asText())))
          .isBetween(Duration.ofMinutes(59), Duration.ofMinutes(61));
      screenshot(page, "console-silence");

      silence.locator("button.expire").click();
      assertThat(page.locator(".done").textContent()).isEqualTo("Silence expired.");
      assertThat(
              page.locator("#silences tr", new Page.LocatorOptions().setHasText(comment)).count())
          .isZero();
      String id = created.path("id").asText();
      assertThat(Http.get(Suite.ALERT, "/silences/" + id, operator).body().path("status").asText())
          .isEqualTo("expired");
    }
  }

  @Test
  @Order(2)
  void operatorRollsBackADeployment() throws Exception {
    JsonNode deployment = awaitDeployment(rollbackVersion, Set.of("SUCCEEDED"));
    String id = deployment.path("id").asText();
    assertThat(deployment.path("previousVersion").asText()).isNotBlank();
    try (BrowserContext context = browser.newContext()) {
      Page page = signIn(context, operator);
      page.navigate(CONSOLE + "/deployments");
      screenshot(page, "console-deployments");
      page.locator("tr[data-deployment-id='" + id + "'] a").click();
      assertThat(page.locator("#deployment-state").textContent()).isEqualTo("SUCCEEDED");
      assertThat(page.locator("#steps").textContent()).contains("ROLLOUT");
      page.locator("input[name=reason]").fill("e2e console rollback " + RUN);
      page.locator("button:has-text('Roll back')").click();
      assertThat(page.locator(".done").textContent()).isEqualTo("Rollback started.");

      JsonNode rolledBack = awaitDeployment(rollbackVersion, Set.of("ROLLED_BACK", "FAILED"));
      assertThat(rolledBack.path("state").asText()).as("%s", rolledBack).isEqualTo("ROLLED_BACK");
      assertThat(rolledBack.toString()).contains("e2e console rollback");
      page.reload();
      assertThat(page.locator("#deployment-state").textContent()).isEqualTo("ROLLED_BACK");
      screenshot(page, "console-deployment");
    }
  }

  @Test
  @Order(3)
  void aViewerSeesNoActionsAndTheServicesRefuseThem() throws Exception {
    String alertId = fire("ConsoleViewer" + RUN);
    try (BrowserContext context = browser.newContext()) {
      Page page = signIn(context, viewer);
      assertThat(page.locator("#role").textContent()).isEqualTo("viewer");
      Locator row = page.locator("tr[data-alert-id='" + alertId + "']");
      assertThat(row.locator(".state").textContent()).isEqualTo("FIRING");
      assertThat(page.locator("button.ack, form.silence, #new-silence, button.expire").count())
          .isZero();
      screenshot(page, "console-viewer");

      page.navigate(CONSOLE + "/deployments");
      page.locator("#deployments a").first().click();
      assertThat(page.locator("#steps").isVisible()).isTrue();
      assertThat(page.locator("#deployment-actions").count()).isZero();

      // Hidden is not forbidden: the console posts a viewer's hand-made ack (with the right CSRF
      // token) and alert-service refuses it; the refusal is shown as a readable page.
      String csrf = page.locator("input[name=csrf]").first().getAttribute("value");
      APIResponse refused =
          context
              .request()
              .post(
                  CONSOLE + "/alerts/" + alertId + "/ack",
                  RequestOptions.create().setForm(FormData.create().set("csrf", csrf)));
      assertThat(refused.status()).isEqualTo(403);
      assertThat(refused.text()).contains("alert-service answered 403").doesNotContain("at dev.");
      assertThat(state(alertId)).isEqualTo("FIRING");

      for (String path : List.of("/targets", "/backups", "/oncall")) {
        page.navigate(CONSOLE + path);
        assertThat(page.locator("main h1").count()).as(path).isEqualTo(1);
        assertThat(page.locator("form[method=post] button").count())
            .as(path)
            .isEqualTo(1); // sign out
      }
      screenshot(page, "console-oncall");
      page.navigate(CONSOLE + "/targets");
      assertThat(page.locator("tr[data-target='demo-ready']").count()).isEqualTo(1);
      screenshot(page, "console-targets");
    }
  }

  @Test
  @Order(4)
  void forgedPostsChangeNothing() throws Exception {
    String alertId = fire("ConsoleForged" + RUN);
    try (BrowserContext context = browser.newContext()) {
      Page page = signIn(context, operator);
      // Same browser, signed in, but no CSRF token in the form: refused.
      APIResponse noToken =
          context
              .request()
              .post(
                  CONSOLE + "/alerts/" + alertId + "/ack",
                  RequestOptions.create().setForm(FormData.create().set("csrf", "forged")));
      assertThat(noToken.status()).isEqualTo(403);
      assertThat(noToken.text()).contains("This form was not accepted");

      // Another site's page posting a form to the console: the SameSite=Strict cookie stays home,
      // so the console sees nobody signed in.
      page.navigate("about:blank");
      page.setContent(
          "<form method=post action='"
              + CONSOLE
              + "/alerts/"
              + alertId
              + "/ack'><input name=csrf value=guess><button id=go>go</button></form>");
      page.waitForNavigation(() -> page.locator("#go").click());
      assertThat(page.locator("input[name=token]").count()).isEqualTo(1);
      assertThat(state(alertId)).isEqualTo("FIRING");
    }
  }

  private static Page signIn(BrowserContext context, String token) {
    context.setDefaultTimeout(60_000); // pages call several services; CI machines are busy
    Page page = context.newPage();
    page.navigate(CONSOLE + "/alerts");
    assertThat(page.locator("input[name=token]").count()).isEqualTo(1); // not signed in yet
    page.locator("input[name=token]").fill(token);
    page.waitForNavigation(() -> page.locator("button[type=submit]").click());
    assertThat(page.url()).isEqualTo(CONSOLE + "/alerts");
    assertThat(page.locator("#role").textContent()).isIn("viewer", "operator", "admin");
    return page;
  }

  /** Fires an alert through alert-service's Alertmanager webhook; returns its id. */
  private static String fire(String name) throws Exception {
    String body =
        "{\"version\":\"4\",\"status\":\"firing\",\"receiver\":\"autopilot\",\"groupKey\":\"{}:{alertname=\\\""
            + name
            + "\\\"}\",\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\""
            + name
            + "\",\"service\":\"console-e2e\",\"severity\":\"warning\"},\"annotations\":"
            + "{\"summary\":\"console e2e\"},\"startsAt\":\""
            + java.time.Instant.now()
            + "\",\"endsAt\":\"0001-01-01T00:00:00Z\",\"fingerprint\":\"c0"
            + Long.toHexString(name.hashCode() & 0xffffffffL)
            + "\"}]}";
    Http.Reply reply = Http.post(Suite.ALERT, "/webhooks/alertmanager", operator, body);
    assertThat(reply.status()).as(reply.text()).isEqualTo(200);
    JsonNode firing = Http.get(Suite.ALERT, "/alerts?state=FIRING&name=" + name, operator).body();
    assertThat(firing).as("firing %s", name).hasSize(1);
    return firing.get(0).path("id").asText();
  }

  private static String state(String alertId) throws Exception {
    return Http.get(Suite.ALERT, "/alerts/" + alertId, operator).body().path("state").asText();
  }

  private static JsonNode silenceWithComment(String comment) throws Exception {
    for (JsonNode silence : Http.get(Suite.ALERT, "/silences?status=active", operator).body()) {
      if (comment.equals(silence.path("comment").asText())) {
        return silence;
      }
    }
    throw new AssertionError("no active silence with comment " + comment);
  }

  private static void requestDeployment(String version) throws Exception {
    Http.Reply requested =
        Http.post(
            Suite.DEPLOY,
            "/deployments",
            suite.adminToken,
            "{\"service\":\"demo\",\"environment\":\"local\",\"version\":\""
                + version
                + "\",\"idempotencyKey\":\"e2e-console-"
                + version
                + "\",\"requestedBy\":\"e2e-console\",\"checks\":{\"testsPassed\":true,"
                + "\"buildSucceeded\":true,\"migrationsTested\":true}}");
    assertThat(requested.status()).as(requested.text()).isIn(200, 202);
  }

  private static JsonNode awaitDeployment(String version, Set<String> states) throws Exception {
    JsonNode[] found = new JsonNode[1];
    try {
      awaitDeployment(version, states, found);
    } catch (ConditionTimeoutException e) {
      // Say where it stands and what is ahead of it in the queue (deploy-service runs one
      // deployment of a service/environment at a time).
      StringBuilder queue = new StringBuilder();
      for (JsonNode d :
          Http.get(Suite.DEPLOY, "/deployments?service=demo&limit=20", suite.adminToken).body()) {
        queue.append(
            String.format(
                "%n  %s %s %s",
                d.path("id").asText(), d.path("version").asText(), d.path("state").asText()));
      }
      String detail =
          found[0] == null
              ? "never listed"
              : Http.get(
                      Suite.DEPLOY,
                      "/deployments/" + found[0].path("id").asText(),
                      suite.adminToken)
                  .text();
      throw new AssertionError(
          "deployment "
              + version
              + " not "
              + states
              + " within "
              + FLOW
              + ": "
              + detail
              + "\nlatest demo deployments:"
              + queue,
          e);
    }
    return found[0];
  }

  private static void awaitDeployment(String version, Set<String> states, JsonNode[] found) {
    await()
        .atMost(FLOW)
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              for (JsonNode d :
                  Http.get(Suite.DEPLOY, "/deployments?service=demo&limit=20", suite.adminToken)
                      .body()) {
                if (version.equals(d.path("version").asText())) {
                  found[0] = d;
                  String state = d.path("state").asText();
                  if (Deployments.FINAL.contains(state) && !states.contains(state)) {
                    throw new AssertionError("deployment " + version + " ended " + d);
                  }
                  return states.contains(state);
                }
              }
              return false;
            });
  }

  private static void screenshot(Page page, String name) throws Exception {
    Path dir = suite.root.resolve("docs/screenshots");
    Files.createDirectories(dir);
    page.screenshot(
        new Page.ScreenshotOptions().setPath(dir.resolve(name + ".png")).setFullPage(true));
  }
}

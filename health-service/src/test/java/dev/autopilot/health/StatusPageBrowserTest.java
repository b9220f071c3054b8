package dev.autopilot.health;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Response;
import dev.autopilot.health.store.ProbeResultRecord;
import dev.autopilot.health.store.ProbeResultRepository;
import dev.autopilot.health.store.RollupRepository;
import dev.autopilot.platform.event.Topics;
import dev.autopilot.testing.KafkaTestClient;
import dev.autopilot.testing.SharedStack;
import dev.autopilot.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The public status page as a visitor sees it, in headless Chromium (Debian's /usr/bin/chromium
 * driven by Playwright; nothing is downloaded): components grouped by service and environment with
 * their current states, the 90 daily uptime bars coloured by the history in the database, the
 * banner of a maintenance window announced over Kafka, and the SVG badges loaded as images. The
 * page is saved as docs/screenshots/status-page.png.
 */
@QuarkusTest
@QuarkusTestResource(HealthServiceTestResource.class)
class StatusPageBrowserTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final List<String> IDS = List.of("sp-web", "sp-db", "sp-payments");
  private static KafkaTestClient kafka;

  @TestHTTPResource("/status")
  URL statusUrl;

  @Inject ProbeResultRepository results;
  @Inject RollupRepository rollups;

  @BeforeAll
  static void connect() {
    kafka = new KafkaTestClient(SharedStack.get().bootstrapServers());
  }

  @AfterAll
  static void disconnect() {
    kafka.close();
  }

  @Test
  void aVisitorSeesComponentsStatesUptimeBarsMaintenanceAndBadges() throws Exception {
    String base =
        ConfigProvider.getConfig().getValue(HealthServiceTestResource.BASE_URL, String.class);
    UUID window = UUID.randomUUID();
    startMaintenance(window);
    create("sp-web", "storefront", "prod", base + "/live", "");
    create(
        "sp-db",
        "storefront",
        "prod",
        "tcp://127.0.0.1:" + closedPort(),
        ",\"failureThreshold\":1");
    create("sp-payments", "payments", "staging", base + "/live", "");
    try {
      writeHistory("sp-web");
      Awaitility.await().atMost(WAIT).until(() -> "UP".equals(TargetApi.status("sp-web")));
      Awaitility.await().atMost(WAIT).until(() -> "DOWN".equals(TargetApi.status("sp-db")));
      Awaitility.await()
          .atMost(WAIT)
          .until(() -> "MAINTENANCE".equals(TargetApi.status("sp-payments")));

      try (Playwright playwright =
              Playwright.create(
                  new Playwright.CreateOptions()
                      .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
          Browser browser =
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
                                  "--disable-sync")))) {
        Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1100, 900));
        Response response = page.navigate(statusUrl.toString());
        assertThat(response.status()).isEqualTo(200);
        assertThat(page).hasTitle("Status — Runbook Autopilot");

        // The banner says the worst of all: something is down.
        assertThat(page.locator(".banner")).hasText("Some systems are down");

        // Components grouped by service / environment, each with its worst state.
        Locator storefront = section(page, "storefront / prod");
        assertThat(storefront.locator("h2")).containsText("DOWN");
        assertThat(row(storefront, "sp-web").locator("td.status")).hasText("UP");
        assertThat(row(storefront, "sp-db").locator("td.status")).hasText("DOWN");
        assertThat(row(storefront, "sp-db")).containsText("connection refused");
        assertThat(storefront.locator("tbody tr")).hasCount(2);
        Locator payments = section(page, "payments / staging");
        assertThat(payments.locator("h2")).containsText("MAINTENANCE");
        assertThat(row(payments, "sp-payments").locator("td.status")).hasText("MAINTENANCE");

        // 90 daily bars: green, amber and red where the history says so, grey without data.
        Locator bars = storefront.locator(".bars span");
        assertThat(bars).hasCount(90);
        assertThat(storefront.locator(".bars span.ok").first()).isVisible();
        assertThat(storefront.locator(".bars span.warn")).hasCount(1);
        assertThat(storefront.locator(".bars span.bad").first()).isVisible();
        assertThat(storefront.locator(".bars span.none").first()).isVisible();
        assertThat(storefront.locator(".bars span.warn"))
            .hasAttribute("title", Pattern.compile(": 99\\.0%$"));
        assertThat(colour(storefront.locator(".bars span.ok").first()))
            .isEqualTo("rgb(45, 164, 78)");
        assertThat(colour(storefront.locator(".bars span.warn"))).isEqualTo("rgb(212, 167, 44)");
        assertThat(colour(storefront.locator(".bars span.bad").first()))
            .isEqualTo("rgb(207, 34, 46)");
        assertThat(storefront.locator(".uptime")).containsText("90-day uptime: ");
        assertThat(storefront.locator(".bars span").last().boundingBox().height).isGreaterThan(10);

        // The maintenance in progress, above everything else.
        Locator banner = page.locator(".maintenance");
        assertThat(banner).isVisible();
        assertThat(banner).containsText("Maintenance in progress");
        assertThat(banner).containsText("payments (staging)");
        assertThat(banner).containsText("Card processor database upgrade");

        // Every badge on the page is an SVG the browser could decode.
        Locator badges = page.locator("img.badge");
        assertThat(badges.count()).isGreaterThanOrEqualTo(3);
        page.waitForFunction(
            "() => [...document.querySelectorAll('img.badge')]"
                + ".every(i => i.complete && i.naturalWidth > 0)");
        assertThat(row(storefront, "sp-web").locator("img.badge"))
            .hasAttribute("alt", "sp-web: UP");
        Response badge =
            page.navigate(new URL(statusUrl, "api/badges/sp-db/health.svg").toString());
        assertThat(badge.status()).isEqualTo(200);
        assertThat(badge.headerValue("content-type")).startsWith("image/svg+xml");
        assertThat(page.locator("svg text").last()).hasText("down");

        page.navigate(statusUrl.toString());
        page.waitForFunction(
            "() => [...document.querySelectorAll('img.badge')]"
                + ".every(i => i.complete && i.naturalWidth > 0)");
        Path shot = screenshotPath();
        page.screenshot(new Page.ScreenshotOptions().setPath(shot).setFullPage(true));
        assertThat(Files.size(shot)).isGreaterThan(10_000);
      }
    } finally {
      IDS.forEach(StatusPageBrowserTest::delete);
      endMaintenance(window);
    }
  }

  /** docs/screenshots/status-page.png in the repository (tests run in health-service/). */
  private static Path screenshotPath() throws IOException {
    Path root = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    if (!Files.isDirectory(root.resolve("docs"))) {
      root = root.getParent();
    }
    Path dir = root.resolve("docs").resolve("screenshots");
    Files.createDirectories(dir);
    return dir.resolve("status-page.png");
  }

  private static Locator section(Page page, String heading) {
    return page.locator("section")
        .filter(
            new Locator.FilterOptions()
                .setHas(
                    page.getByRole(
                        com.microsoft.playwright.options.AriaRole.HEADING,
                        new Page.GetByRoleOptions().setName(heading))));
  }

  private static Locator row(Locator section, String id) {
    return section.locator("tbody tr").filter(new Locator.FilterOptions().setHasText(id));
  }

  private static String colour(Locator element) {
    return (String) element.evaluate("e => getComputedStyle(e).backgroundColor");
  }

  /**
   * Results of past days for {@code id}, rolled up as the rollup job does: 100 % two days ago, 99 %
   * five days ago (amber), 80 % ten days ago (red).
   */
  private void writeHistory(String id) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              probes(id, now.minus(Duration.ofDays(2)), 100, 0);
              probes(id, now.minus(Duration.ofDays(5)), 100, 1);
              probes(id, now.minus(Duration.ofDays(10)), 100, 20);
            });
    QuarkusTransaction.requiringNew().run(() -> rollups.rollUp(now.minus(Duration.ofDays(11))));
  }

  private void probes(String id, Instant minute, int count, int failures) {
    for (int i = 1; i <= count; i++) {
      results.insert(
          new ProbeResultRecord(
              id,
              minute.plusMillis(i * 10L),
              i > failures,
              20 + i,
              i > failures ? null : "status 503",
              true));
    }
  }

  private static void startMaintenance(UUID window) {
    kafka.sendCloudEvent(
        Topics.MAINTENANCE_STARTED,
        Topics.typeOf(Topics.MAINTENANCE_STARTED),
        "/deploy-service",
        window.toString(),
        "{\"windowId\":\""
            + window
            + "\",\"services\":[\"payments\"],\"environment\":\"staging\",\"endsAt\":\""
            + Instant.now().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MINUTES)
            + "\",\"description\":\"Card processor database upgrade\"}");
  }

  private static void endMaintenance(UUID window) {
    kafka.sendCloudEvent(
        Topics.MAINTENANCE_ENDED,
        Topics.typeOf(Topics.MAINTENANCE_ENDED),
        "/deploy-service",
        window.toString(),
        "{\"windowId\":\""
            + window
            + "\",\"services\":[\"payments\"],\"environment\":\"staging\"}");
  }

  private static void create(
      String id, String service, String environment, String address, String extra) {
    given()
        .auth()
        .oauth2(TestTokens.OPERATOR)
        .contentType(ContentType.JSON)
        .body(
            "{\"id\":\""
                + id
                + "\",\"service\":\""
                + service
                + "\",\"environment\":\""
                + environment
                + "\",\"address\":\""
                + address
                + "\",\"interval\":\"1s\",\"timeout\":\"1s\""
                + extra
                + "}")
        .post("/targets")
        .then()
        .statusCode(201);
  }

  private static void delete(String id) {
    given().auth().oauth2(TestTokens.OPERATOR).delete("/targets/" + id);
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}

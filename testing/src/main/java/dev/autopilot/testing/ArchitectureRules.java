package dev.autopilot.testing;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.util.List;

/**
 * The layering every service keeps, as ArchUnit rules: a service depends on no other service (only
 * on {@code dev.autopilot.platform}), persistence knows nothing of HTTP, and nothing outside the
 * REST layer calls into it. A service's test runs {@code ArchitectureRules.check("health")}.
 */
public final class ArchitectureRules {
  /** The services, each in {@code dev.autopilot.<name>..}. */
  public static final List<String> SERVICES =
      List.of("health", "alert", "notification", "backup", "deploy");

  private static final String PLATFORM = "dev.autopilot.platform..";
  private static final String JAX_RS_PATH = "jakarta.ws.rs.Path";

  private ArchitectureRules() {}

  /**
   * Checks all rules against the main (non-test) classes of {@code service} on the class path.
   *
   * @throws AssertionError listing every violation, or if the service has no classes at all
   */
  public static void check(String service) {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(new ImportOption.DoNotIncludeTests())
            .importPackages(basePackage(service), "dev.autopilot.platform");
    all(service).check(classes);
  }

  /** All rules of {@code service} as one, reporting every violation together. */
  public static ArchRule all(String service) {
    return CompositeArchRule.of(onlyOwnAndPlatformDependencies(service))
        .and(persistenceIgnoresRest(service))
        .and(nothingCallsIntoRest(service));
  }

  /**
   * Classes of {@code service} depend on no {@code dev.autopilot} package but their own and the
   * platform's: services talk over Kafka and HTTP, never through each other's classes.
   */
  public static ArchRule onlyOwnAndPlatformDependencies(String service) {
    String own = basePackage(service) + "..";
    return noClasses()
        .that()
        .resideInAPackage(own)
        .should()
        .dependOnClassesThat(
            resideInAPackage("dev.autopilot..").and(not(resideInAnyPackage(own, PLATFORM))))
        .because("a service may only use its own classes and dev.autopilot.platform")
        .allowEmptyShould(false);
  }

  /**
   * Repositories ({@code *Repository}) and everything in a {@code ..store..} package depend neither
   * on REST resources ({@code *Resource}) nor on JAX-RS ({@code jakarta.ws.rs..}).
   */
  public static ArchRule persistenceIgnoresRest(String service) {
    return noClasses()
        .that()
        .resideInAPackage(basePackage(service) + "..")
        .and(simpleNameEndingWith("Repository").or(resideInAPackage("..store..")))
        .should()
        .dependOnClassesThat(
            simpleNameEndingWith("Resource").or(resideInAPackage("jakarta.ws.rs..")))
        .because("persistence must not know about the HTTP layer")
        .allowEmptyShould(true);
  }

  /**
   * Outside {@code ..api..} packages, only REST classes themselves ({@code *Resource}, {@code
   * *ExceptionMapper} and their nested classes) may depend on {@code @Path} classes.
   */
  public static ArchRule nothingCallsIntoRest(String service) {
    return noClasses()
        .that()
        .resideInAPackage(basePackage(service) + "..")
        .and()
        .resideOutsideOfPackage("..api..")
        .and(not(restLayerByName()))
        .should()
        .dependOnClassesThat()
        .areAnnotatedWith(JAX_RS_PATH)
        .because("the REST layer calls the domain, never the other way round")
        .allowEmptyShould(true);
  }

  /** {@code dev.autopilot.<service>}, for one of {@link #SERVICES}. */
  static String basePackage(String service) {
    if (!SERVICES.contains(service)) {
      throw new IllegalArgumentException(
          "unknown service '" + service + "', expected one of " + SERVICES);
    }
    return "dev.autopilot." + service;
  }

  private static DescribedPredicate<JavaClass> restLayerByName() {
    return DescribedPredicate.describe(
        "named *Resource or *ExceptionMapper (or nested in one)",
        javaClass -> {
          String simple = javaClass.getName().substring(javaClass.getName().lastIndexOf('.') + 1);
          String topLevel =
              simple.contains("$") ? simple.substring(0, simple.indexOf('$')) : simple;
          return topLevel.endsWith("Resource") || topLevel.endsWith("ExceptionMapper");
        });
  }
}

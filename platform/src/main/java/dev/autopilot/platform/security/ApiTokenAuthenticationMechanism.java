package dev.autopilot.platform.security;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Authenticates {@code Authorization: Bearer ap_...} API tokens. Any other bearer token is left to
 * the JWT mechanism (SmallRye JWT), so machines and people use the same header.
 */
@ApplicationScoped
@Priority(2000)
public class ApiTokenAuthenticationMechanism implements HttpAuthenticationMechanism {
  /** Every API token starts with this prefix; JWTs never do. */
  public static final String PREFIX = "ap_";

  private static final String BEARER = "bearer ";

  @Override
  public Uni<SecurityIdentity> authenticate(
      RoutingContext context, IdentityProviderManager identityProviderManager) {
    String header = context.request().getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || header.length() <= BEARER.length()) {
      return Uni.createFrom().nullItem();
    }
    if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return Uni.createFrom().nullItem();
    }
    String token = header.substring(BEARER.length()).strip();
    if (!token.startsWith(PREFIX)) {
      return Uni.createFrom().nullItem();
    }
    return identityProviderManager.authenticate(new ApiTokenAuthenticationRequest(token));
  }

  @Override
  public Uni<ChallengeData> getChallenge(RoutingContext context) {
    return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer"));
  }

  @Override
  public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
    return Set.of(ApiTokenAuthenticationRequest.class);
  }

  @Override
  public int getPriority() {
    return 2000;
  }
}

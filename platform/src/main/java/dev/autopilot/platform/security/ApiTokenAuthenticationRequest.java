package dev.autopilot.platform.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A bearer API token to be checked against {@link ApiTokenStore}. */
public class ApiTokenAuthenticationRequest extends BaseAuthenticationRequest {
  private final String token;

  public ApiTokenAuthenticationRequest(String token) {
    this.token = token;
  }

  public String token() {
    return token;
  }
}

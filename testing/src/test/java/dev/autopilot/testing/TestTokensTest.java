package dev.autopilot.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;

/** The tokens file and the JWTs are what the services' verifiers expect. */
class TestTokensTest {

  @Test
  void tokensFileListsEachTokenByNameRoleAndHash() throws Exception {
    List<String> lines = Files.readAllLines(TestTokens.tokensFile(), StandardCharsets.UTF_8);

    assertEquals(
        List.of(
            "test-viewer viewer " + TestTokens.sha256Hex(TestTokens.VIEWER),
            "test-operator operator " + TestTokens.sha256Hex(TestTokens.OPERATOR),
            "test-admin admin " + TestTokens.sha256Hex(TestTokens.ADMIN)),
        lines);
    // Known answer: SHA-256("abc").
    assertEquals(
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        TestTokens.sha256Hex("abc"));
  }

  @Test
  void jwtVerifiesAgainstThePublishedPublicKey() throws Exception {
    JwtClaims claims = verifier().processToClaims(TestTokens.jwt("operator", "alice"));

    assertEquals("https://autopilot.test", claims.getIssuer());
    assertEquals("alice", claims.getStringClaimValue("upn"));
    assertEquals("alice", claims.getSubject());
    assertEquals(List.of("operator"), claims.getStringListClaimValue("groups"));
    assertEquals("test-viewer", verifier().processToClaims(TestTokens.jwt("viewer")).getSubject());
  }

  @Test
  void expiredJwtIsRejectedForItsExpiryOnly() throws Exception {
    String expired = TestTokens.expiredJwt("admin");

    assertThrows(InvalidJwtException.class, () -> verifier().processToClaims(expired));
    JwtClaims claims =
        new JwtConsumerBuilder()
            .setVerificationKey(publishedKey())
            .setSkipDefaultAudienceValidation()
            .setSkipAllValidators()
            .build()
            .processToClaims(expired);
    assertEquals(List.of("admin"), claims.getStringListClaimValue("groups"));
  }

  @Test
  void foreignJwtFailsTheSignatureCheck() {
    InvalidJwtException e =
        assertThrows(
            InvalidJwtException.class,
            () -> verifier().processToClaims(TestTokens.foreignJwt("admin")));
    assertNotEquals(-1, e.getMessage().indexOf("signature"), e.getMessage());
  }

  private static JwtConsumer verifier() throws Exception {
    return new JwtConsumerBuilder()
        .setVerificationKey(publishedKey())
        .setExpectedIssuer("https://autopilot.test")
        .setRequireExpirationTime()
        .setSkipDefaultAudienceValidation()
        .build();
  }

  private static PublicKey publishedKey() throws Exception {
    String pem = Files.readString(TestTokens.publicKeyFile(), StandardCharsets.US_ASCII);
    String base64 =
        pem.replace("-----BEGIN PUBLIC KEY-----", "")
            .replace("-----END PUBLIC KEY-----", "")
            .replaceAll("\\s", "");
    return KeyFactory.getInstance("RSA")
        .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
  }
}

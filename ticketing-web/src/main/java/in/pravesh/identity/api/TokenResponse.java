package in.pravesh.identity.api;

import java.util.List;

/** A successful login (api.md, Auth): the token, also set as the session cookie. */
public record TokenResponse(
    String accessToken, String tokenType, long expiresIn, List<String> roles) {

  static TokenResponse of(TokenIssuer.AccessToken token) {
    return new TokenResponse(token.token(), "Bearer", token.expiresIn(), token.roles());
  }
}

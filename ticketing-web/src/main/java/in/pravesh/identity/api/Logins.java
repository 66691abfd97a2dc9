package in.pravesh.identity.api;

import in.pravesh.identity.application.Identity;
import in.pravesh.platform.BusinessException;
import in.pravesh.platform.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;

/** The answer to a successful login, whatever the way in: the token, also as session cookies. */
@ApplicationScoped
public class Logins {

  @Inject TokenIssuer tokens;

  /** 200 with the token and its cookies; a refused login (empty) is 401 {@code otp-invalid}. */
  public Response loggedIn(Optional<Identity> identity, UriInfo uri) {
    TokenIssuer.AccessToken token =
        tokens.issue(
            identity.orElseThrow(
                () ->
                    new BusinessException(
                        ProblemType.OTP_INVALID, "The code is wrong, expired or already used")));
    return Response.ok(TokenResponse.of(token))
        .cookie(SessionCookies.open(token.token(), token.expiresIn(), uri))
        .build();
  }
}

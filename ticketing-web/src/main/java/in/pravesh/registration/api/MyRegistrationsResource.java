package in.pravesh.registration.api;

import in.pravesh.registration.application.RegistrationView;
import in.pravesh.registration.application.Registrations;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's own registrations (api.md, Registrations and tickets). */
@Path("/me/registrations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Registrations")
public class MyRegistrationsResource {

  @Inject JsonWebToken token;
  @Inject Registrations registrations;

  @GET
  @RolesAllowed({"visitor", "volunteer", "admin"})
  @Operation(summary = "The caller's registrations, newest first")
  public List<RegistrationView> registrations() {
    return registrations.mine(Callers.of(token));
  }
}

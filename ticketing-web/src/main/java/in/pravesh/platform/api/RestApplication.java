package in.pravesh.platform.api;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/**
 * The HTTP API under /api (the contract: shared/docs/api.md). Tokens are verified by the server's
 * MicroProfile JWT; roles are enforced by {@code @RolesAllowed} (resteasy.role.based.security).
 */
@ApplicationPath("/api")
@LoginConfig(authMethod = "MP-JWT", realmName = "pravesh")
@DeclareRoles({"visitor", "volunteer", "admin"})
@OpenAPIDefinition(
    info =
        @Info(
            title = "Pravesh API",
            version = "1",
            description =
                "Ticketing and gate entry for large public events. Errors are RFC 9457"
                    + " application/problem+json with type urn:pravesh:problem:<name>."))
public class RestApplication extends Application {}

package in.pravesh.platform.api;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/**
 * The HTTP API under /api (the contract: shared/docs/api.md). Tokens are verified by the server's
 * MicroProfile JWT; roles are enforced by {@code @RolesAllowed} (resteasy.role.based.security).
 */
@ApplicationPath("/api")
@LoginConfig(authMethod = "MP-JWT", realmName = "pravesh")
@DeclareRoles({"visitor", "volunteer", "admin"})
public class RestApplication extends Application {}

package in.pravesh.platform.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/** The HTTP API under /api (the contract: shared/docs/api.md). */
@ApplicationPath("/api")
@OpenAPIDefinition(
    info =
        @Info(
            title = "Pravesh API",
            version = "1",
            description =
                "Ticketing and gate entry for large public events. Errors are RFC 9457"
                    + " application/problem+json with type urn:pravesh:problem:<name>."))
public class RestApplication extends Application {}

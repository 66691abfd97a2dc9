package in.pravesh.platform.api;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * One JSON-B instance for every request. Without it RESTEasy builds a new Jsonb for each response,
 * and Yasson looks up the CDI bean manager each time: measured here, that alone held a trivial GET
 * to about 200 requests per second.
 */
@Provider
public class JsonbResolver implements ContextResolver<Jsonb> {

  static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig());

  @Override
  public Jsonb getContext(Class<?> type) {
    return JSONB;
  }
}

package in.pravesh.entry.application;

import jakarta.json.bind.serializer.JsonbSerializer;
import jakarta.json.bind.serializer.SerializationContext;
import jakarta.json.stream.JsonGenerator;

/**
 * A scan's answer as api.md writes it: {@code "ticket"} is always there, {@code null} when the scan
 * identified no ticket; the first admission's time and gate only when there is one; {@code crowded}
 * only when true. (Yasson leaves out a null object-valued property even when it is marked
 * nillable.)
 */
public class ScanResultSerializer implements JsonbSerializer<ScanResult> {

  @Override
  public void serialize(ScanResult result, JsonGenerator json, SerializationContext context) {
    json.writeStartObject();
    json.write("outcome", result.outcome().name());
    if (result.ticket() == null) {
      json.writeNull("ticket");
    } else {
      context.serialize("ticket", result.ticket(), json);
    }
    if (result.firstAdmittedAt() != null) {
      context.serialize("firstAdmittedAt", result.firstAdmittedAt(), json);
      json.write("firstGate", result.firstGate());
    }
    if (result.crowded()) {
      json.write("crowded", true);
    }
    json.writeEnd();
  }
}

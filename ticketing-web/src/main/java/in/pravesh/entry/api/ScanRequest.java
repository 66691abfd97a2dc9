package in.pravesh.entry.api;

import jakarta.validation.constraints.Size;

/** The body of POST /api/scans: a ticket's token or its short code, the gate, the device. */
public record ScanRequest(
    @Size(max = 1000, message = "Not a ticket token") String token,
    @Size(max = 40, message = "Not a ticket code") String code,
    String gateId,
    @Size(max = 100, message = "At most 100 characters") String deviceId) {}

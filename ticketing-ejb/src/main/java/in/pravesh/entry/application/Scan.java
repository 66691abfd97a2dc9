package in.pravesh.entry.application;

import java.util.UUID;

/**
 * One scan at a gate: a ticket's token (from its QR code) or its short code, the gate, the scanning
 * device, the volunteer (token subject) and the scanner's per-scan {@code Idempotency-Key}, if it
 * sent one.
 */
public record Scan(
    UUID gateId, String token, String code, String deviceId, UUID volunteerId, String scanKey) {}

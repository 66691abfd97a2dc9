package in.pravesh.registration.application;

import java.time.OffsetDateTime;

/** A ticket inside a registration object (api.md). */
public record TicketView(
    String id, String code, String token, String qrUrl, OffsetDateTime issuedAt) {}

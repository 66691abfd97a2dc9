package in.pravesh.ticket.application;

import java.time.OffsetDateTime;

/** A public key that verifies an event's tickets offline (api.md, Events). */
public record TicketKeyView(
    String kid,
    String algorithm,
    String publicKey,
    OffsetDateTime validFrom,
    OffsetDateTime validTo) {}

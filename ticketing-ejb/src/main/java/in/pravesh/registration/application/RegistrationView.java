package in.pravesh.registration.application;

import in.pravesh.event.application.SlotView;
import java.time.OffsetDateTime;

/** The registration object of api.md. */
public record RegistrationView(
    String id,
    String status,
    String channel,
    String name,
    String phone,
    int partySize,
    SlotView slot,
    OffsetDateTime createdAt,
    String createdBy,
    TicketView ticket) {}

package in.pravesh.registration.application;

import java.util.UUID;

/** What a visitor asks for (api.md: POST /api/registrations). */
public record NewRegistration(
    UUID slotId, String name, int partySize, String email, boolean consent) {}

package in.pravesh.registration.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The body of POST /api/volunteer/registrations. */
public record WalkInRequest(
    @NotBlank(message = "Choose a slot") String slotId,
    @NotBlank(message = "A name is required") @Size(max = 200, message = "At most 200 characters")
        String name,
    @NotBlank(message = "The visitor's phone is required") @Size(max = 20) String phone,
    @NotNull(message = "The party size is required")
        @Min(value = 1, message = "At least 1 person")
        @Max(value = 100, message = "At most 100 people")
        Integer partySize,
    @NotNull(message = "Say how the ticket goes out: sms, whatsapp or none")
        @Pattern(regexp = "sms|whatsapp|none", message = "sms, whatsapp or none")
        String deliver,
    @NotNull(message = "Consent is required") Boolean consent) {}

package in.pravesh.console;

import in.pravesh.event.api.AdminRequests;
import in.pravesh.event.application.AdminEventView;
import in.pravesh.event.application.EventForm;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.Serializable;
import java.time.LocalDate;

/** The fields of an event's form, shared by the new-event and the event pages. */
public class EventFields implements Serializable {

  private static final long serialVersionUID = 1L;

  @NotBlank(message = "{console.required}")
  @Size(max = 80)
  @Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*", message = "{console.slug.format}")
  private String slug;

  @NotBlank(message = "{console.required}")
  @Size(max = 200)
  private String name;

  @NotBlank(message = "{console.required}")
  @Size(max = 300)
  private String venue;

  @NotBlank(message = "{console.required}")
  @Size(max = 64)
  private String timeZone = "Asia/Kolkata";

  @NotNull(message = "{console.required}")
  private LocalDate startsOn;

  @NotNull(message = "{console.required}")
  private LocalDate endsOn;

  private boolean registrationOpen = true;

  /** The fields showing an event as it is. */
  static EventFields of(AdminEventView event) {
    EventFields fields = new EventFields();
    fields.slug = event.slug();
    fields.name = event.name();
    fields.venue = event.venue();
    fields.timeZone = event.timeZone();
    fields.startsOn = event.startsOn();
    fields.endsOn = event.endsOn();
    fields.registrationOpen = event.registrationOpen();
    return fields;
  }

  /**
   * As the use case takes it; {@code reentry} and {@code maxInside} as they are (null: default).
   */
  EventForm form(Boolean reentry, Integer maxInside) {
    return new EventForm(
        slug,
        name.strip(),
        venue.strip(),
        AdminRequests.zone(timeZone),
        startsOn,
        endsOn,
        registrationOpen,
        reentry,
        maxInside);
  }

  public String getSlug() {
    return slug;
  }

  public void setSlug(String slug) {
    this.slug = slug;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getVenue() {
    return venue;
  }

  public void setVenue(String venue) {
    this.venue = venue;
  }

  public String getTimeZone() {
    return timeZone;
  }

  public void setTimeZone(String timeZone) {
    this.timeZone = timeZone;
  }

  public LocalDate getStartsOn() {
    return startsOn;
  }

  public void setStartsOn(LocalDate startsOn) {
    this.startsOn = startsOn;
  }

  public LocalDate getEndsOn() {
    return endsOn;
  }

  public void setEndsOn(LocalDate endsOn) {
    this.endsOn = endsOn;
  }

  public boolean isRegistrationOpen() {
    return registrationOpen;
  }

  public void setRegistrationOpen(boolean registrationOpen) {
    this.registrationOpen = registrationOpen;
  }
}

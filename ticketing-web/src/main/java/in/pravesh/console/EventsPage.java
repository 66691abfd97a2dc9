package in.pravesh.console;

import in.pravesh.event.application.AdminEventView;
import in.pravesh.event.application.EventAdmin;
import in.pravesh.event.application.EventForm;
import in.pravesh.platform.BusinessException;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/** The console's home: every event, and a form to create one. */
@Named
@ViewScoped
public class EventsPage implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject EventAdmin events;
  @Inject Console console;

  private List<AdminEventView> list;

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

  @PostConstruct
  void load() {
    list = events.list();
  }

  public String create() {
    try {
      AdminEventView created =
          events.create(
              new EventForm(
                  slug,
                  name.strip(),
                  venue.strip(),
                  EventPage.zone(timeZone),
                  startsOn,
                  endsOn,
                  registrationOpen,
                  true,
                  null),
              console.actor());
      return "event?faces-redirect=true&id=" + created.id();
    } catch (BusinessException e) {
      Console.refused(e, "create");
      return null;
    }
  }

  public List<AdminEventView> getList() {
    return list;
  }

  public List<String> getTimeZones() {
    return ZoneId.getAvailableZoneIds().stream().filter(z -> z.contains("/")).sorted().toList();
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

package in.pravesh.console;

import in.pravesh.event.application.AdminEventView;
import in.pravesh.event.application.EventAdmin;
import in.pravesh.event.application.SlotForm;
import in.pravesh.platform.BusinessException;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.Serializable;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;

/** One event: its details, its slots (add, change, delete) and its gates (add, rename, retire). */
@Named
@ViewScoped
public class EventPage implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject EventAdmin events;
  @Inject in.pravesh.analytics.application.Statistics statistics;
  @Inject Console console;

  private String id;
  private AdminEventView event;

  // The event's details.
  private EventFields fields;

  // The slot being added or changed.
  private String slotId;

  @NotNull(message = "{console.required}")
  private LocalDate slotDate;

  @NotBlank(message = "{console.required}")
  @Pattern(regexp = "\\d{2}:\\d{2}", message = "{console.time.format}")
  private String slotStartsAt = "10:00";

  @NotBlank(message = "{console.required}")
  @Pattern(regexp = "\\d{2}:\\d{2}", message = "{console.time.format}")
  private String slotEndsAt = "20:00";

  @Min(value = 0, message = "{console.not.negative}")
  @Max(1_000_000)
  private int capacity = 1000;

  @Min(value = 0, message = "{console.not.negative}")
  @Max(1_000_000)
  private int walkInReserve;

  // A new gate.
  @Size(max = 100)
  private String gateName;

  /** Loads the event named by the view parameter {@code id} (the view action). */
  public String load() {
    try {
      event = events.get(UUID.fromString(id));
    } catch (IllegalArgumentException | NullPointerException e) {
      return "index?faces-redirect=true";
    } catch (BusinessException e) {
      return "index?faces-redirect=true";
    }
    fields = EventFields.of(event);
    if (slotDate == null) {
      slotDate = event.startsOn();
    }
    return null;
  }

  public void save() {
    try {
      event =
          events.update(
              UUID.fromString(id),
              fields.form(event.reentry(), event.maxInside()),
              console.actor());
      Console.info(Console.label("console.saved"));
    } catch (BusinessException e) {
      Console.refused(e, "details");
    }
  }

  /** Fills the slot form with a slot, to change it. */
  public void editSlot(AdminEventView.AdminSlot slot) {
    slotId = slot.id();
    slotDate = slot.date();
    slotStartsAt = slot.startsAt();
    slotEndsAt = slot.endsAt();
    capacity = slot.capacity();
    walkInReserve = slot.walkInReserve();
  }

  public void newSlot() {
    slotId = null;
  }

  /** Adds the slot in the form, or changes the one being edited. */
  public void saveSlot() {
    try {
      SlotForm form =
          new SlotForm(
              slotDate,
              time(slotStartsAt, "startsAt"),
              time(slotEndsAt, "endsAt"),
              capacity,
              walkInReserve);
      if (slotId == null) {
        events.addSlot(UUID.fromString(id), form, console.actor());
      } else {
        events.updateSlot(UUID.fromString(slotId), form, console.actor());
      }
      slotId = null;
      Console.info(Console.label("console.saved"));
      load();
    } catch (BusinessException e) {
      Console.refused(e, "slot");
    }
  }

  public void deleteSlot(AdminEventView.AdminSlot slot) {
    try {
      events.deleteSlot(UUID.fromString(slot.id()), console.actor());
      Console.info(Console.label("console.deleted"));
      load();
    } catch (BusinessException e) {
      Console.refused(e, "slots");
    }
  }

  public void addGate() {
    if (gateName == null || gateName.isBlank()) {
      Console.refused(
          BusinessException.invalid("gateName", Console.label("console.required")), "gates");
      return;
    }
    try {
      events.addGate(UUID.fromString(id), gateName.strip(), console.actor());
      gateName = null;
      load();
    } catch (BusinessException e) {
      Console.refused(e, "gates");
    }
  }

  public void retireGate(AdminEventView.AdminGate gate) {
    try {
      events.retireGate(UUID.fromString(gate.id()), console.actor());
      load();
    } catch (BusinessException e) {
      Console.refused(e, "gates");
    }
  }

  private static LocalTime time(String text, String field) {
    try {
      return LocalTime.parse(text);
    } catch (DateTimeException | NullPointerException e) {
      throw BusinessException.invalid(field, "A time as HH:mm");
    }
  }

  /** People inside today and the event's limit (api.md, Entry: occupancy). */
  public in.pravesh.analytics.application.Occupancy getOccupancy() {
    return statistics.occupancy(UUID.fromString(event.id()));
  }

  /** Tickets that got in twice while scanners were offline, newest first. */
  public java.util.List<in.pravesh.analytics.application.EntryConflict> getConflicts() {
    return statistics.conflicts(event.slug());
  }

  public AdminEventView getEvent() {
    return event;
  }

  public String getId() {
    return id;
  }

  public void setId(String id) {
    this.id = id;
  }

  public EventFields getFields() {
    return fields;
  }

  public String getSlotId() {
    return slotId;
  }

  public LocalDate getSlotDate() {
    return slotDate;
  }

  public void setSlotDate(LocalDate slotDate) {
    this.slotDate = slotDate;
  }

  public String getSlotStartsAt() {
    return slotStartsAt;
  }

  public void setSlotStartsAt(String slotStartsAt) {
    this.slotStartsAt = slotStartsAt;
  }

  public String getSlotEndsAt() {
    return slotEndsAt;
  }

  public void setSlotEndsAt(String slotEndsAt) {
    this.slotEndsAt = slotEndsAt;
  }

  public int getCapacity() {
    return capacity;
  }

  public void setCapacity(int capacity) {
    this.capacity = capacity;
  }

  public int getWalkInReserve() {
    return walkInReserve;
  }

  public void setWalkInReserve(int walkInReserve) {
    this.walkInReserve = walkInReserve;
  }

  public String getGateName() {
    return gateName;
  }

  public void setGateName(String gateName) {
    this.gateName = gateName;
  }
}

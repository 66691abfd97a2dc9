package in.pravesh.console;

import in.pravesh.event.application.AdminEventView;
import in.pravesh.event.application.EventAdmin;
import in.pravesh.platform.BusinessException;
import in.pravesh.registration.application.Broadcasts;
import in.pravesh.registration.application.Caller;
import jakarta.annotation.PostConstruct;
import jakarta.faces.model.SelectItem;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** A message to every active registrant of a slot (a rain closure). */
@Named
@ViewScoped
public class BroadcastPage implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject Broadcasts broadcasts;
  @Inject EventAdmin events;
  @Inject Console console;

  private List<SelectItem> slots;

  @NotBlank(message = "{console.required}")
  private String slotId;

  @NotBlank(message = "{console.required}")
  @Size(max = 320)
  private String message;

  /** This form's Idempotency-Key: a double click or a resubmission sends nothing twice. */
  private String key = UUID.randomUUID().toString();

  @PostConstruct
  void load() {
    slots = new ArrayList<>();
    for (AdminEventView event : events.list()) {
      for (AdminEventView.AdminSlot slot : event.slots()) {
        slots.add(
            new SelectItem(
                slot.id(),
                event.name() + " · " + slot.date() + " " + slot.startsAt() + "–" + slot.endsAt()));
      }
    }
  }

  public void send() {
    try {
      Broadcasts.BroadcastView sent =
          broadcasts.send(
              UUID.fromString(slotId),
              message,
              key,
              new Caller(console.personId(), console.getPhone(), Set.of("admin")),
              console.actor());
      Console.info(Console.label("console.broadcast.sent") + " " + sent.recipients());
      message = null;
      key = UUID.randomUUID().toString();
    } catch (IllegalArgumentException e) {
      Console.refused(BusinessException.invalid("slotId", "No such slot"), "broadcast");
    } catch (BusinessException e) {
      Console.refused(e, "broadcast");
    }
  }

  public List<SelectItem> getSlots() {
    return slots;
  }

  public String getSlotId() {
    return slotId;
  }

  public void setSlotId(String slotId) {
    this.slotId = slotId;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }
}

package in.pravesh.console;

import in.pravesh.event.application.AdminEventView;
import in.pravesh.event.application.EventAdmin;
import in.pravesh.platform.BusinessException;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/** The console's home: every event, and a form to create one. */
@Named
@ViewScoped
public class EventsPage implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject EventAdmin events;
  @Inject Console console;

  private List<AdminEventView> list;

  private final EventFields fields = new EventFields();

  @PostConstruct
  void load() {
    list = events.list();
  }

  public String create() {
    try {
      AdminEventView created = events.create(fields.form(true, null), console.actor());
      return "event?faces-redirect=true&id=" + created.id();
    } catch (BusinessException e) {
      Console.refused(e, "create");
      return null;
    }
  }

  public List<AdminEventView> getList() {
    return list;
  }

  public EventFields getFields() {
    return fields;
  }
}

package in.pravesh.console;

import in.pravesh.event.application.AdminEventView;
import in.pravesh.event.application.EventAdmin;
import in.pravesh.platform.BusinessException;
import in.pravesh.registration.application.ConsentRecords;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.UUID;

/** An event's consent records (DPDP Act): who consented, when, how; paged, newest first. */
@Named
@ViewScoped
public class ConsentPage implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final int SIZE = 50;

  @Inject EventAdmin events;
  @Inject ConsentRecords consents;

  private String id;
  private AdminEventView event;
  private int page;
  private ConsentRecords.Page result;

  /** The view action: the event named by the view parameter {@code id}, and the current page. */
  public String load() {
    try {
      event = events.get(UUID.fromString(id));
    } catch (IllegalArgumentException | NullPointerException | BusinessException e) {
      return "index?faces-redirect=true";
    }
    result = consents.of(UUID.fromString(event.id()), page, SIZE);
    return null;
  }

  public void next() {
    if ((long) (page + 1) * SIZE < result.total()) {
      page++;
    }
    load();
  }

  public void previous() {
    page = Math.max(0, page - 1);
    load();
  }

  public String getId() {
    return id;
  }

  public void setId(String id) {
    this.id = id;
  }

  public AdminEventView getEvent() {
    return event;
  }

  public ConsentRecords.Page getResult() {
    return result;
  }

  public int getPage() {
    return page;
  }
}

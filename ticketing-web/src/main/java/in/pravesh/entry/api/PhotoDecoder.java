package in.pravesh.entry.api;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.faulttolerance.Bulkhead;

/**
 * Decodes gate photos two at a time per node (MicroProfile Fault Tolerance bulkhead, no queue): a
 * photo costs CPU and megabytes of heap, and a burst of them must not starve the token scans that
 * every gate depends on. A photo beyond the two is refused at once ({@code BulkheadException}: 503
 * try-again).
 */
@ApplicationScoped
public class PhotoDecoder {

  /** The QR code's text in the photo, or empty. */
  @Bulkhead(2)
  public Optional<String> read(byte[] photo) {
    return QrPhotos.read(photo);
  }
}

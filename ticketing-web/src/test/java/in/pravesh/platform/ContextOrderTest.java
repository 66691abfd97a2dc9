package in.pravesh.platform;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.util.Arrays;
import java.util.List;

/**
 * The contexts depend downwards only (docs/contexts.md): a class of one context uses nothing of a
 * context above it. Checks the classes of {@code ticketing-ejb} and {@code ticketing-web}; the
 * message-driven beans of {@code ticketing-jms} are the outermost layer.
 */
@AnalyzeClasses(packages = "in.pravesh", importOptions = ImportOption.DoNotIncludeTests.class)
class ContextOrderTest {

  /** Lowest first. */
  static final List<String> ORDER =
      List.of(
          "platform",
          "notification",
          "identity",
          "event",
          "staff",
          "registration",
          "ticket",
          "entry",
          "analytics",
          "whatsapp");

  @ArchTest static final ArchRule contextsDependDownwardsOnly = rule();

  private static ArchRule rule() {
    LayeredArchitecture layers =
        layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("platform")
            .definedBy("in.pravesh.platform..", "in.pravesh.audit..", "in.pravesh.jobs..")
            .layer("development")
            .definedBy("in.pravesh.demo..", "in.pravesh.dev..")
            .layer("console")
            .definedBy("in.pravesh.console..");
    for (String context : ORDER.subList(1, ORDER.size())) {
      layers = layers.layer(context).definedBy("in.pravesh." + context + "..");
    }
    for (int i = 0; i < ORDER.size(); i++) {
      String[] above =
          concat(
              ORDER.subList(i + 1, ORDER.size()).toArray(String[]::new), "development", "console");
      layers = layers.whereLayer(ORDER.get(i)).mayOnlyBeAccessedByLayers(above);
    }
    return layers
        .whereLayer("development")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("console")
        .mayNotBeAccessedByAnyLayer();
  }

  private static String[] concat(String[] first, String... last) {
    String[] all = Arrays.copyOf(first, first.length + last.length);
    System.arraycopy(last, 0, all, first.length, last.length);
    return all;
  }
}

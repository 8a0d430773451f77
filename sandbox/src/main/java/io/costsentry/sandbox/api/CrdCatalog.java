package io.costsentry.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The CostSentry CRDs as generated into the crds jar: what discovery, the printer columns and the
 * CRD objects of the embedded API come from, so they cannot drift from the chart's.
 */
public final class CrdCatalog {
  private static final String[] RESOURCES = {
    "/META-INF/fabric8/modelaliases.costsentry.io-v1.yml",
    "/META-INF/fabric8/costcenterbudgets.costsentry.io-v1.yml"
  };

  /** One served kind. */
  public record Crd(
      JsonNode definition,
      String group,
      String version,
      String kind,
      String plural,
      String singular,
      List<String> shortNames,
      List<PrinterColumn> printerColumns) {}

  /** An {@code additionalPrinterColumns} entry. */
  public record PrinterColumn(String name, String type, String jsonPath, int priority) {}

  private final List<Crd> crds;

  private CrdCatalog(List<Crd> crds) {
    this.crds = List.copyOf(crds);
  }

  public static CrdCatalog load() {
    YAMLMapper yaml = new YAMLMapper();
    List<Crd> crds = new ArrayList<>();
    for (String resource : RESOURCES) {
      try (InputStream in = CrdCatalog.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException(resource + " is missing from the classpath");
        }
        JsonNode crd = yaml.readTree(in);
        JsonNode names = crd.path("spec").path("names");
        JsonNode version = crd.path("spec").path("versions").path(0);
        List<String> shortNames = new ArrayList<>();
        names.path("shortNames").forEach(n -> shortNames.add(n.asText()));
        List<PrinterColumn> columns = new ArrayList<>();
        version
            .path("additionalPrinterColumns")
            .forEach(
                c ->
                    columns.add(
                        new PrinterColumn(
                            c.path("name").asText(),
                            c.path("type").asText(),
                            c.path("jsonPath").asText(),
                            c.path("priority").asInt())));
        crds.add(
            new Crd(
                crd,
                crd.path("spec").path("group").asText(),
                version.path("name").asText(),
                names.path("kind").asText(),
                names.path("plural").asText(),
                names.path("singular").asText(),
                shortNames,
                columns));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + resource, e);
      }
    }
    return new CrdCatalog(crds);
  }

  public List<Crd> all() {
    return crds;
  }

  public Optional<Crd> byPlural(String plural) {
    return crds.stream().filter(c -> c.plural().equals(plural)).findFirst();
  }

  public String group() {
    return crds.get(0).group();
  }

  public String version() {
    return crds.get(0).version();
  }
}

package io.costsentry.core.pricing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Built-in Bedrock on-demand prices, used for a ModelAlias that sets no {@code spec.pricing}.
 *
 * <p>The prices are Amazon Bedrock <em>list prices as of 2025</em> in us-east-1, in USD per one
 * million tokens ({@code bedrock-on-demand-prices.csv} beside this class lists them with their
 * rules). They are not fetched from AWS: other regions, newer prices, discounts and private pricing
 * are set per ModelAlias in {@code spec.pricing}, which always wins.
 *
 * <p>A model reference resolves to its foundation model's row whether it is written as a foundation
 * model id, a system inference profile id ({@code us.}, {@code eu.}, {@code apac.}, {@code
 * global.}, {@code us-gov.}, {@code ca.}, {@code jp.}, {@code au.} prefixes) or an ARN of either.
 * Version suffixes ({@code -v1:0}) must match exactly: a new model version is a new price. A row
 * for a profile id itself (e.g. {@code global.}) takes precedence over its model's row.
 */
public final class PriceTable {
  private static final String RESOURCE = "bedrock-on-demand-prices.csv";
  private static final List<String> PROFILE_PREFIXES =
      List.of("us.", "eu.", "apac.", "global.", "us-gov.", "ca.", "jp.", "au.");

  private static final class BuiltIn {
    // Loaded on first use, once: the table is read-only.
    static final PriceTable INSTANCE = load();
  }

  private final Map<String, Pricing> byModelId;

  private PriceTable(Map<String, Pricing> byModelId) {
    this.byModelId = Map.copyOf(byModelId);
  }

  /** The table shipped with CostSentry. */
  public static PriceTable builtIn() {
    return BuiltIn.INSTANCE;
  }

  /** A table of the given prices, keyed by model or profile id (for tests and overrides). */
  public static PriceTable of(Map<String, Pricing> byModelId) {
    return new PriceTable(byModelId);
  }

  /**
   * The price of a model, from a foundation model id, a system inference profile id or an ARN of
   * either. Empty for models the table does not list and for application inference profiles, whose
   * ids do not name their model.
   */
  public Optional<Pricing> lookup(String modelReference) {
    if (modelReference == null || modelReference.isBlank()) {
      return Optional.empty();
    }
    String id = resourceId(modelReference.strip());
    Pricing exact = byModelId.get(id);
    if (exact != null) {
      return Optional.of(exact);
    }
    return Optional.ofNullable(byModelId.get(withoutProfilePrefix(id)));
  }

  /** The model and profile ids the table lists. */
  public Set<String> modelIds() {
    return byModelId.keySet();
  }

  /**
   * The foundation model id a reference names: the part of an ARN after its last {@code /}, without
   * a system inference profile's geography prefix. Application inference profile ARNs come back as
   * their opaque id.
   */
  public static String foundationModelId(String modelReference) {
    return withoutProfilePrefix(resourceId(modelReference.strip()));
  }

  private static String resourceId(String reference) {
    return reference.startsWith("arn:")
        ? reference.substring(reference.lastIndexOf('/') + 1)
        : reference;
  }

  private static String withoutProfilePrefix(String id) {
    for (String prefix : PROFILE_PREFIXES) {
      if (id.startsWith(prefix)) {
        return id.substring(prefix.length());
      }
    }
    return id;
  }

  private static PriceTable load() {
    try (InputStream in = PriceTable.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      return new PriceTable(
          parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  /** Rows of {@code model_id,input,output,cache_read,cache_write}; {@code #} starts a comment. */
  static Map<String, Pricing> parse(BufferedReader reader) throws IOException {
    Map<String, Pricing> prices = new LinkedHashMap<>();
    String line;
    int lineNumber = 0;
    boolean headerSeen = false;
    while ((line = reader.readLine()) != null) {
      lineNumber++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      if (!headerSeen) {
        headerSeen = true;
        continue;
      }
      String[] cells = line.split(",", -1);
      if (cells.length != 5) {
        throw new IllegalStateException(
            RESOURCE + " line " + lineNumber + ": expected 5 columns, got " + cells.length);
      }
      Pricing pricing =
          Pricing.of(
              cells[1].strip(), cells[2].strip(), blankToNull(cells[3]), blankToNull(cells[4]));
      if (prices.put(cells[0].strip(), pricing) != null) {
        throw new IllegalStateException(
            RESOURCE + " line " + lineNumber + ": duplicate model " + cells[0]);
      }
    }
    return prices;
  }

  private static String blankToNull(String cell) {
    return cell.isBlank() ? null : cell.strip();
  }
}

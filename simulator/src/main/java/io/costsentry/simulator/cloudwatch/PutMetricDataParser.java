package io.costsentry.simulator.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a decoded {@code PutMetricData} input (CBOR or JSON, same member names) into {@link
 * RecordedDatum}s, refusing what CloudWatch refuses where that is cheap to check (aws-wire.md
 * §5.3): the limits on counts and lengths, missing members, units, non-finite numbers.
 */
final class PutMetricDataParser {
  static final int MAX_DATUMS = 1000;
  static final int MAX_DIMENSIONS = 30;
  static final int MAX_VALUES = 150;
  private static final Set<String> UNITS =
      Set.of(
          "Seconds",
          "Microseconds",
          "Milliseconds",
          "Bytes",
          "Kilobytes",
          "Megabytes",
          "Gigabytes",
          "Terabytes",
          "Bits",
          "Kilobits",
          "Megabits",
          "Gigabits",
          "Terabits",
          "Percent",
          "Count",
          "Bytes/Second",
          "Kilobytes/Second",
          "Megabytes/Second",
          "Gigabytes/Second",
          "Terabytes/Second",
          "Bits/Second",
          "Kilobits/Second",
          "Megabits/Second",
          "Gigabits/Second",
          "Terabits/Second",
          "Count/Second",
          "None");

  private PutMetricDataParser() {}

  /**
   * @param received when the call arrived: the timestamp of datums that carry none
   * @throws CloudWatchError.RequestRefused when CloudWatch would refuse the call
   */
  static List<RecordedDatum> parse(JsonNode input, Instant received) {
    if (input == null || input.isMissingNode() || input.isNull()) {
      throw CloudWatchError.missingParameter("The parameter Namespace must be specified.")
          .toException();
    }
    if (!input.isObject()) {
      throw CloudWatchError.of(400, "SerializationException", "The input must be a structure.")
          .toException();
    }
    String namespace = text(input.get("Namespace"));
    if (namespace == null) {
      throw CloudWatchError.missingParameter("The parameter Namespace must be specified.")
          .toException();
    }
    if (namespace.isEmpty()
        || namespace.length() > 255
        || namespace.startsWith(":")
        || namespace.startsWith("AWS/")) {
      throw CloudWatchError.invalidParameterValue(
              "The value " + namespace + " for parameter Namespace is invalid.")
          .toException();
    }
    List<JsonNode> datums = new ArrayList<>();
    JsonNode metricData = input.get("MetricData");
    if (metricData != null && metricData.isArray()) {
      metricData.forEach(datums::add);
    }
    JsonNode entityMetricData = input.get("EntityMetricData");
    if (entityMetricData != null && entityMetricData.isArray()) {
      for (JsonNode entity : entityMetricData) {
        JsonNode nested = entity.get("MetricData");
        if (nested != null && nested.isArray()) {
          nested.forEach(datums::add);
        }
      }
    }
    if (datums.isEmpty()) {
      throw CloudWatchError.missingParameter(
              "At least one of the parameters MetricData and EntityMetricData must be specified.")
          .toException();
    }
    if (datums.size() > MAX_DATUMS) {
      throw CloudWatchError.invalidParameterValue(
              "The collection MetricData must not have a size greater than "
                  + MAX_DATUMS
                  + " (got "
                  + datums.size()
                  + ").")
          .toException();
    }
    List<RecordedDatum> recorded = new ArrayList<>(datums.size());
    for (int i = 0; i < datums.size(); i++) {
      recorded.add(datum(namespace, datums.get(i), "MetricData.member." + (i + 1), received));
    }
    return recorded;
  }

  private static RecordedDatum datum(
      String namespace, JsonNode datum, String path, Instant received) {
    String metricName = text(datum.get("MetricName"));
    if (metricName == null) {
      throw CloudWatchError.missingParameter("The parameter " + path + ".MetricName is required.")
          .toException();
    }
    if (metricName.isEmpty() || metricName.length() > 255) {
      throw CloudWatchError.invalidParameterValue(
              "The parameter " + path + ".MetricName must be 1 to 255 characters long.")
          .toException();
    }
    String unit = text(datum.get("Unit"));
    if (unit != null && !UNITS.contains(unit)) {
      throw CloudWatchError.invalidParameterValue(
              "The value " + unit + " for parameter " + path + ".Unit is invalid.")
          .toException();
    }
    Double value = number(datum.get("Value"), path + ".Value");
    List<Double> values = numbers(datum.get("Values"), path + ".Values");
    List<Double> counts = numbers(datum.get("Counts"), path + ".Counts");
    RecordedDatum.Statistics statistics = statistics(datum.get("StatisticValues"), path);
    int given = (value != null ? 1 : 0) + (statistics != null ? 1 : 0) + (values.isEmpty() ? 0 : 1);
    if (given > 1) {
      throw CloudWatchError.invalidParameterCombination(
              "The parameters "
                  + path
                  + ".Value, "
                  + path
                  + ".Values and "
                  + path
                  + ".StatisticValues are mutually exclusive and you have specified more than"
                  + " one.")
          .toException();
    }
    if (values.size() > MAX_VALUES) {
      throw CloudWatchError.invalidParameterValue(
              "The collection " + path + ".Values must not have more than " + MAX_VALUES + ".")
          .toException();
    }
    if (!counts.isEmpty() && counts.size() != values.size()) {
      throw CloudWatchError.invalidParameterValue(
              "The parameters "
                  + path
                  + ".Values and "
                  + path
                  + ".Counts must be of the same size.")
          .toException();
    }
    Map<String, String> dimensions = dimensions(datum.get("Dimensions"), path);
    Instant timestamp = timestamp(datum.get("Timestamp"), path);
    JsonNode resolution = datum.get("StorageResolution");
    Integer storageResolution = null;
    if (resolution != null && !resolution.isNull()) {
      storageResolution = resolution.asInt();
      if (storageResolution != 1 && storageResolution != 60) {
        throw CloudWatchError.invalidParameterValue(
                "The value "
                    + storageResolution
                    + " for parameter "
                    + path
                    + ".StorageResolution is invalid.")
            .toException();
      }
    }
    return new RecordedDatum(
        namespace,
        metricName,
        unit,
        value,
        values,
        counts,
        statistics,
        dimensions,
        timestamp == null ? received : timestamp,
        storageResolution);
  }

  private static Map<String, String> dimensions(JsonNode node, String path) {
    Map<String, String> dimensions = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return dimensions;
    }
    if (node.size() > MAX_DIMENSIONS) {
      throw CloudWatchError.invalidParameterValue(
              "The collection "
                  + path
                  + ".Dimensions must not have a size greater than "
                  + MAX_DIMENSIONS
                  + ".")
          .toException();
    }
    int index = 0;
    for (JsonNode dimension : node) {
      index++;
      String where = path + ".Dimensions.member." + index;
      String name = text(dimension.get("Name"));
      String value = text(dimension.get("Value"));
      if (name == null || value == null) {
        throw CloudWatchError.missingParameter(
                "The parameter " + where + (name == null ? ".Name" : ".Value") + " is required.")
            .toException();
      }
      if (name.isEmpty() || name.length() > 255 || name.startsWith(":")) {
        throw CloudWatchError.invalidParameterValue(
                "The value " + name + " for parameter " + where + ".Name is invalid.")
            .toException();
      }
      if (value.isEmpty() || value.length() > 1024) {
        throw CloudWatchError.invalidParameterValue(
                "The parameter " + where + ".Value must be 1 to 1024 characters long.")
            .toException();
      }
      if (dimensions.put(name, value) != null) {
        throw CloudWatchError.invalidParameterValue(
                "No metric may have duplicate dimension names (" + name + ").")
            .toException();
      }
    }
    return dimensions;
  }

  private static RecordedDatum.Statistics statistics(JsonNode node, String path) {
    if (node == null || node.isNull()) {
      return null;
    }
    String where = path + ".StatisticValues";
    double[] members = new double[4];
    String[] names = {"SampleCount", "Sum", "Minimum", "Maximum"};
    for (int i = 0; i < names.length; i++) {
      Double member = number(node.get(names[i]), where + "." + names[i]);
      if (member == null) {
        throw CloudWatchError.missingParameter(
                "The parameter " + where + "." + names[i] + " is required.")
            .toException();
      }
      members[i] = member;
    }
    return new RecordedDatum.Statistics(members[0], members[1], members[2], members[3]);
  }

  private static Instant timestamp(JsonNode node, String path) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isNumber()) {
      BigDecimal seconds = node.decimalValue();
      long whole = seconds.longValue();
      long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
      return Instant.ofEpochSecond(whole, nanos);
    }
    try {
      return Instant.parse(node.asText());
    } catch (DateTimeParseException e) {
      throw CloudWatchError.invalidParameterValue(
              "The parameter " + path + ".Timestamp must be a valid timestamp.")
          .toException();
    }
  }

  private static List<Double> numbers(JsonNode node, String path) {
    List<Double> numbers = new ArrayList<>();
    if (node == null || node.isNull()) {
      return numbers;
    }
    for (JsonNode element : node) {
      numbers.add(number(element, path));
    }
    return numbers;
  }

  private static Double number(JsonNode node, String path) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isNumber()) {
      throw CloudWatchError.of(
              400, "SerializationException", "The parameter " + path + " must be a number.")
          .toException();
    }
    double value = node.doubleValue();
    if (!Double.isFinite(value)) {
      throw CloudWatchError.invalidParameterValue(
              "The value " + value + " for parameter " + path + " is invalid.")
          .toException();
    }
    return value;
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() ? null : node.asText();
  }
}

package io.costsentry.simulator.costexplorer;

import io.costsentry.simulator.awsjson.AwsJsonError;
import java.util.Map;
import java.util.function.Function;

/** The Cost Explorer dimensions the simulator can filter and group on. */
final class Dimensions {
  private static final Map<String, Function<BilledLineItem, String>> VALUES =
      Map.of(
          "SERVICE", BilledLineItem::service,
          "REGION", BilledLineItem::region,
          "USAGE_TYPE", BilledLineItem::usageType,
          "LINKED_ACCOUNT", BilledLineItem::linkedAccount,
          "RECORD_TYPE", item -> "Usage");

  private Dimensions() {}

  /**
   * @throws AwsJsonError.Refused for a dimension the simulator does not model
   */
  static Function<BilledLineItem, String> of(String key) {
    Function<BilledLineItem, String> value = VALUES.get(key);
    if (value == null) {
      throw AwsJsonError.validation(
              "Dimension "
                  + key
                  + " is not supported by the simulator; use one of "
                  + VALUES.keySet())
          .refuse();
    }
    return value;
  }
}

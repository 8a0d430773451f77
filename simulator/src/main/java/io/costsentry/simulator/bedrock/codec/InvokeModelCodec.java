package io.costsentry.simulator.bedrock.codec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.costsentry.simulator.bedrock.model.Completion;
import io.costsentry.simulator.bedrock.model.ModelTarget;
import io.costsentry.simulator.bedrock.model.Prompt;
import java.util.List;

/** The model-native InvokeModel body format of one model family (aws-wire.md §3). */
public interface InvokeModelCodec {

  /**
   * Validates a model-native request body as Bedrock does and extracts its prompt.
   *
   * @throws io.costsentry.simulator.bedrock.wire.BedrockException ValidationException ("Malformed
   *     input request: ...") when the body breaks the model's schema
   */
  Prompt parseRequest(ObjectNode body);

  /** Output cap when the body sets none. */
  int defaultMaxTokens();

  /** The InvokeModel response body. */
  byte[] responseBody(Completion completion, ModelTarget model);

  /**
   * The model-native events of InvokeModelWithResponseStream, before Bedrock wraps each in a {@code
   * chunk} and adds the invocation metrics to the last.
   */
  List<NativeEvent> streamEvents(Completion completion, ModelTarget model);

  /**
   * One model-native stream event.
   *
   * @param json the event
   * @param outputToken whether it carries an output token
   */
  record NativeEvent(ObjectNode json, boolean outputToken) {}
}

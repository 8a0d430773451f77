package io.costsentry.simulator.bedrock.codec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.costsentry.simulator.bedrock.ModelFamily;
import io.costsentry.simulator.bedrock.model.Completion;
import io.costsentry.simulator.bedrock.model.ModelTarget;
import io.costsentry.simulator.bedrock.wire.BedrockError;
import io.costsentry.simulator.bedrock.wire.EventStreamEncoder;
import io.costsentry.simulator.bedrock.wire.Padding;
import io.costsentry.simulator.bedrock.wire.StreamFrame;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Picks the body codec of a model and wraps its stream events the way Bedrock does. */
public final class InvokeModelCodecs {
  private static final InvokeModelCodec ANTHROPIC = new AnthropicCodec();
  private static final InvokeModelCodec NOVA = new NovaCodec();
  private static final InvokeModelCodec LLAMA = new LlamaCodec();

  private InvokeModelCodecs() {}

  /**
   * @throws io.costsentry.simulator.bedrock.wire.BedrockException ValidationException for models
   *     whose native format the simulator does not model (use Converse for those)
   */
  public static InvokeModelCodec forModel(ModelTarget model) {
    ModelFamily family =
        model
            .family()
            .orElseThrow(
                () ->
                    BedrockError.validation(
                            "The simulator does not model the InvokeModel body of "
                                + model.modelId()
                                + "; use Converse.")
                        .toException());
    return switch (family) {
      case ANTHROPIC -> ANTHROPIC;
      case AMAZON_NOVA -> NOVA;
      case META_LLAMA -> LLAMA;
    };
  }

  /** Parses an InvokeModel body that must be a JSON object. */
  public static ObjectNode parseBody(byte[] body) {
    return Json.parseObject(
        body, () -> BedrockError.malformedInput("expected a JSON object as the request body"));
  }

  /**
   * Wraps model-native events as Bedrock's {@code chunk} frames: {@code {"bytes": base64(event),
   * "p": padding}}, the last event carrying {@code amazon-bedrock-invocationMetrics}.
   */
  public static List<StreamFrame> chunkFrames(
      List<InvokeModelCodec.NativeEvent> events, Completion completion) {
    List<StreamFrame> frames = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      boolean last = i == events.size() - 1;
      ObjectNode event = events.get(i).json().deepCopy();
      if (last) {
        event.set("amazon-bedrock-invocationMetrics", UsageJson.invocationMetrics(completion));
      }
      ObjectNode payload =
          Json.object()
              .put("bytes", Base64.getEncoder().encodeToString(Json.bytes(event)))
              .put("p", Padding.next());
      frames.add(
          new StreamFrame(
              EventStreamEncoder.event("chunk", Json.bytes(payload)),
              events.get(i).outputToken(),
              last));
    }
    return frames;
  }
}

package io.costsentry.simulator.bedrock.model;

import io.costsentry.simulator.bedrock.ModelFamily;
import java.util.Optional;

/**
 * A model identifier the simulator accepted, and what it routes to.
 *
 * @param modelId the identifier as the client gave it (decoded): model id, profile id or ARN
 * @param family the InvokeModel body format, empty for providers the simulator does not model
 *     natively (Converse still works for them)
 * @param baseModelName a model name for Anthropic-style {@code "model"} fields, e.g. {@code
 *     claude-3-5-haiku-20241022}
 */
public record ModelTarget(String modelId, Optional<ModelFamily> family, String baseModelName) {}

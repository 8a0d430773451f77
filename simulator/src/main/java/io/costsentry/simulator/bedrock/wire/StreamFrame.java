package io.costsentry.simulator.bedrock.wire;

/**
 * One encoded event-stream frame of a response, with what the streamer must know about it.
 *
 * @param bytes the encoded frame
 * @param outputToken whether it carries an output token (the streamer paces these)
 * @param carriesUsage whether it reports the call's usage (ConverseStream {@code metadata}, the
 *     last {@code chunk} of InvokeModelWithResponseStream)
 */
public record StreamFrame(byte[] bytes, boolean outputToken, boolean carriesUsage) {}

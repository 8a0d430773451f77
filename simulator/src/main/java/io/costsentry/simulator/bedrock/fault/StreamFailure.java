package io.costsentry.simulator.bedrock.fault;

/**
 * An in-stream exception to send instead of the rest of a stream.
 *
 * @param eventsBeforeFailure how many events of the normal stream go out first
 * @param exceptionType the {@code :exception-type}, e.g. {@code modelStreamErrorException}
 * @param message the {@code message} of the exception payload
 */
public record StreamFailure(int eventsBeforeFailure, String exceptionType, String message) {}

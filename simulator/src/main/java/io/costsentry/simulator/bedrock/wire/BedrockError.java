package io.costsentry.simulator.bedrock.wire;

import java.util.Objects;

/**
 * An error answered the restJson1 way: HTTP status, the shape name that goes in {@code
 * X-Amzn-ErrorType}, the namespace suffix real AWS appends to it, and the {@code message}.
 *
 * @param status HTTP status (aws-wire.md §1.10)
 * @param type error shape name, e.g. {@code ThrottlingException}
 * @param namespace what follows the colon in {@code X-Amzn-ErrorType}: Bedrock's own errors carry
 *     {@code com.amazon.bedrock}, authentication errors the shared {@code com.amazon.coral.service}
 * @param message the {@code message} member of the body
 */
public record BedrockError(int status, String type, String namespace, String message) {

  static final String BEDROCK_NAMESPACE = "http://internal.amazon.com/coral/com.amazon.bedrock/";
  static final String CORAL_NAMESPACE =
      "http://internal.amazon.com/coral/com.amazon.coral.service/";

  public BedrockError {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(message, "message");
  }

  /** An error in Bedrock's own namespace with the given status and shape. */
  public static BedrockError of(int status, String type, String message) {
    return new BedrockError(status, type, BEDROCK_NAMESPACE, message);
  }

  public static BedrockError validation(String message) {
    return of(400, "ValidationException", message);
  }

  public static BedrockError invalidModelIdentifier() {
    return validation("The provided model identifier is invalid.");
  }

  /** Bedrock's answer to an InvokeModel body that fails the model's schema. */
  public static BedrockError malformedInput(String detail) {
    return validation(
        "Malformed input request: " + detail + ", please reformat your input and try again.");
  }

  public static BedrockError missingAuthenticationToken() {
    return new BedrockError(
        403,
        "MissingAuthenticationTokenException",
        CORAL_NAMESPACE,
        "Missing Authentication Token");
  }

  public static BedrockError unrecognizedClient() {
    return new BedrockError(
        403,
        "UnrecognizedClientException",
        CORAL_NAMESPACE,
        "The security token included in the request is invalid.");
  }

  /** A signature that cannot be checked because a part of it is missing or malformed. */
  public static BedrockError incompleteSignature(String message) {
    return new BedrockError(403, "IncompleteSignatureException", CORAL_NAMESPACE, message);
  }

  public static BedrockError invalidSignature(String message) {
    return new BedrockError(403, "InvalidSignatureException", CORAL_NAMESPACE, message);
  }

  public static BedrockError unknownOperation() {
    return new BedrockError(404, "UnknownOperationException", CORAL_NAMESPACE, "Unknown operation");
  }

  public static BedrockError methodNotAllowed(String method) {
    return new BedrockError(
        405,
        "MethodNotAllowedException",
        CORAL_NAMESPACE,
        "The HTTP method " + method + " is not allowed for this operation.");
  }

  /** The {@code X-Amzn-ErrorType} header value, e.g. {@code ThrottlingException:http://...}. */
  public String errorTypeHeader() {
    return type + ":" + namespace;
  }

  /** This error as a throwable, for unwinding from deep inside request parsing. */
  public BedrockException toException() {
    return new BedrockException(this);
  }
}

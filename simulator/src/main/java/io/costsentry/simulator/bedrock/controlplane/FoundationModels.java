package io.costsentry.simulator.bedrock.controlplane;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The built-in catalog: common Anthropic, Amazon Nova and Meta Llama foundation models of {@code
 * us-east-1}, and the system-defined (cross-region) inference profiles Bedrock offers for them:
 * {@code us.<modelId>} for all, {@code global.<modelId>} for the newest Claude models.
 */
final class FoundationModels {
  /** When the system-defined profiles claim to have been created. */
  static final Instant SYSTEM_PROFILES_CREATED = Instant.parse("2025-01-01T00:00:00Z");

  private static final List<String> US_REGIONS = List.of("us-east-1", "us-east-2", "us-west-2");

  /**
   * A foundation model.
   *
   * @param inferenceTypes {@code ON_DEMAND} and/or {@code INFERENCE_PROFILE}
   */
  record FoundationModel(
      String id,
      String name,
      String provider,
      List<String> inputModalities,
      List<String> outputModalities,
      List<String> inferenceTypes,
      boolean global) {}

  private static final List<String> TEXT = List.of("TEXT");
  private static final List<String> TEXT_IMAGE = List.of("TEXT", "IMAGE");
  private static final List<String> ON_DEMAND = List.of("ON_DEMAND", "INFERENCE_PROFILE");
  private static final List<String> PROFILE_ONLY = List.of("INFERENCE_PROFILE");

  private static final List<FoundationModel> MODELS =
      List.of(
          anthropic("anthropic.claude-3-haiku-20240307-v1:0", "Claude 3 Haiku", ON_DEMAND, false),
          anthropic(
              "anthropic.claude-3-5-haiku-20241022-v1:0", "Claude 3.5 Haiku", ON_DEMAND, false),
          anthropic(
              "anthropic.claude-3-5-sonnet-20240620-v1:0", "Claude 3.5 Sonnet", ON_DEMAND, false),
          anthropic(
              "anthropic.claude-3-5-sonnet-20241022-v2:0",
              "Claude 3.5 Sonnet v2",
              PROFILE_ONLY,
              false),
          anthropic(
              "anthropic.claude-3-7-sonnet-20250219-v1:0",
              "Claude 3.7 Sonnet",
              PROFILE_ONLY,
              false),
          anthropic(
              "anthropic.claude-sonnet-4-20250514-v1:0", "Claude Sonnet 4", PROFILE_ONLY, true),
          anthropic("anthropic.claude-opus-4-20250514-v1:0", "Claude Opus 4", PROFILE_ONLY, false),
          anthropic(
              "anthropic.claude-opus-4-1-20250805-v1:0", "Claude Opus 4.1", PROFILE_ONLY, false),
          anthropic(
              "anthropic.claude-sonnet-4-5-20250929-v1:0", "Claude Sonnet 4.5", PROFILE_ONLY, true),
          anthropic(
              "anthropic.claude-haiku-4-5-20251001-v1:0", "Claude Haiku 4.5", PROFILE_ONLY, true),
          new FoundationModel(
              "amazon.nova-micro-v1:0", "Nova Micro", "Amazon", TEXT, TEXT, ON_DEMAND, false),
          new FoundationModel(
              "amazon.nova-lite-v1:0", "Nova Lite", "Amazon", TEXT_IMAGE, TEXT, ON_DEMAND, false),
          new FoundationModel(
              "amazon.nova-pro-v1:0", "Nova Pro", "Amazon", TEXT_IMAGE, TEXT, ON_DEMAND, false),
          new FoundationModel(
              "amazon.nova-premier-v1:0",
              "Nova Premier",
              "Amazon",
              TEXT_IMAGE,
              TEXT,
              PROFILE_ONLY,
              false),
          meta("meta.llama3-1-8b-instruct-v1:0", "Llama 3.1 8B Instruct", ON_DEMAND),
          meta("meta.llama3-1-70b-instruct-v1:0", "Llama 3.1 70B Instruct", ON_DEMAND),
          meta("meta.llama3-2-1b-instruct-v1:0", "Llama 3.2 1B Instruct", PROFILE_ONLY),
          meta("meta.llama3-2-3b-instruct-v1:0", "Llama 3.2 3B Instruct", PROFILE_ONLY),
          meta("meta.llama3-3-70b-instruct-v1:0", "Llama 3.3 70B Instruct", PROFILE_ONLY),
          meta("meta.llama4-scout-17b-instruct-v1:0", "Llama 4 Scout 17B Instruct", PROFILE_ONLY),
          meta(
              "meta.llama4-maverick-17b-instruct-v1:0",
              "Llama 4 Maverick 17B Instruct",
              PROFILE_ONLY));

  private final String region;
  private final String account;
  private final Map<String, FoundationModel> byId = new LinkedHashMap<>();
  private final Map<String, ProfileSummary> systemProfiles = new LinkedHashMap<>();

  FoundationModels(String region, String account) {
    this.region = region;
    this.account = account;
    for (FoundationModel model : MODELS) {
      byId.put(model.id(), model);
      List<String> usModels = new ArrayList<>();
      US_REGIONS.forEach(r -> usModels.add(arn(r, model.id())));
      addSystemProfile("us", "US", model, usModels, "us-east-1, us-east-2 and us-west-2");
      if (model.global()) {
        addSystemProfile(
            "global",
            "Global",
            model,
            List.of(arn(region, model.id()), arn("", model.id())),
            "commercial AWS Regions");
      }
    }
  }

  private void addSystemProfile(
      String geo, String label, FoundationModel model, List<String> models, String where) {
    String id = geo + "." + model.id();
    systemProfiles.put(
        id,
        new ProfileSummary(
            label + " " + model.name(),
            "Routes requests to " + model.name() + " in " + where + ".",
            SYSTEM_PROFILES_CREATED,
            SYSTEM_PROFILES_CREATED,
            "arn:aws:bedrock:" + region + ":" + account + ":inference-profile/" + id,
            models,
            id,
            ProfileSummary.SYSTEM_DEFINED));
  }

  /** The foundation model with this id or ARN (of this region). */
  Optional<FoundationModel> model(String idOrArn) {
    String prefix = "arn:aws:bedrock:" + region + "::foundation-model/";
    String id = idOrArn.startsWith(prefix) ? idOrArn.substring(prefix.length()) : idOrArn;
    return Optional.ofNullable(byId.get(id));
  }

  List<FoundationModel> models() {
    return List.copyOf(byId.values());
  }

  /** The system-defined profile with this id or ARN. */
  Optional<ProfileSummary> systemProfile(String idOrArn) {
    for (ProfileSummary profile : systemProfiles.values()) {
      if (profile.id().equals(idOrArn) || profile.arn().equals(idOrArn)) {
        return Optional.of(profile);
      }
    }
    return Optional.empty();
  }

  List<ProfileSummary> systemProfiles() {
    return List.copyOf(systemProfiles.values());
  }

  String arn(FoundationModel model) {
    return arn(region, model.id());
  }

  private static String arn(String region, String id) {
    return "arn:aws:bedrock:" + region + "::foundation-model/" + id;
  }

  private static FoundationModel anthropic(
      String id, String name, List<String> inferenceTypes, boolean global) {
    return new FoundationModel(id, name, "Anthropic", TEXT_IMAGE, TEXT, inferenceTypes, global);
  }

  private static FoundationModel meta(String id, String name, List<String> inferenceTypes) {
    return new FoundationModel(id, name, "Meta", TEXT, TEXT, inferenceTypes, false);
  }
}

package io.costsentry.operator.gitops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.costsentry.crds.v1alpha1.CostCenterBudgetStatus;
import io.costsentry.operator.alias.AliasReasons;
import io.costsentry.operator.bedrock.BedrockInferenceProfiles;
import io.costsentry.operator.budget.BudgetReasons;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.luaj.vm2.LuaError;

/**
 * The Argo CD health checks of {@code charts/costsentry/argocd/costsentry.io/<Kind>/health.lua},
 * run with luaj the way Argo CD runs a custom check (global {@code obj}, base, package and table
 * libraries only) against every fixture their {@code health_test.yaml} lists, as Argo CD's own
 * {@code resource_customizations} tests do; and the copies of the scripts in the documentation and
 * the argo-cd Helm values, which must be the tested files byte for byte.
 */
class ArgoCdHealthChecksTest {
  private static final String COST_CENTER_BUDGET = "CostCenterBudget";
  private static final String MODEL_ALIAS = "ModelAlias";

  static Stream<HealthCase> cases() {
    return Stream.of(COST_CENTER_BUDGET, MODEL_ALIAS)
        .flatMap(kind -> GitOpsFiles.healthCases(kind).stream());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void healthCheckGivesTheExpectedStatusAndMessage(HealthCase c) {
    LuaHealthCheck.Result result =
        LuaHealthCheck.run(GitOpsFiles.healthScript(c.kind()), GitOpsFiles.fixture(c));
    assertThat(result.status()).as("status of %s", c).isEqualTo(c.status());
    assertThat(result.message()).as("message of %s", c).isEqualTo(c.message());
  }

  @Test
  void everyFixtureIsListedOnceAndEveryListedFixtureExists() {
    for (String kind : List.of(COST_CENTER_BUDGET, MODEL_ALIAS)) {
      List<String> listed = GitOpsFiles.healthCases(kind).stream().map(HealthCase::input).toList();
      assertThat(listed).as("fixtures listed in %s/health_test.yaml", kind).doesNotHaveDuplicates();
      assertThat(listed)
          .as("fixtures in %s/testdata", kind)
          .containsExactlyInAnyOrderElementsOf(GitOpsFiles.fixtureFiles(kind));
    }
  }

  @Test
  void fixturesAreResourcesOfTheirFoldersKind() {
    cases()
        .forEach(
            c -> {
              JsonNode fixture = GitOpsFiles.fixture(c);
              assertThat(fixture.path("apiVersion").asText())
                  .as("%s", c)
                  .isEqualTo("costsentry.io/v1alpha1");
              assertThat(fixture.path("kind").asText()).as("%s", c).isEqualTo(c.kind());
            });
  }

  @Test
  void eachKindHasHealthyProgressingAndDegradedCases() {
    for (String kind : List.of(COST_CENTER_BUDGET, MODEL_ALIAS)) {
      assertThat(GitOpsFiles.healthCases(kind))
          .extracting(HealthCase::status)
          .as("statuses of %s", kind)
          .contains("Healthy", "Progressing", "Degraded");
    }
  }

  @Test
  void fixturesCoverEveryReasonTheOperatorWrites() {
    assertThat(reasonsIn(COST_CENTER_BUDGET))
        .as("condition reasons in the CostCenterBudget fixtures")
        .containsAll(constants(BudgetReasons.class));
    Set<String> aliasReasons = new TreeSet<>(constants(AliasReasons.class));
    aliasReasons.add(BedrockInferenceProfiles.ACCESS_DENIED);
    assertThat(reasonsIn(MODEL_ALIAS))
        .as("condition reasons in the ModelAlias fixtures")
        .containsAll(aliasReasons);
  }

  @Test
  void scriptsNameTheConditionsAndReasonsOfTheOperator() {
    String budget = GitOpsFiles.healthScript(COST_CENTER_BUDGET);
    for (String literal :
        List.of(
            CostCenterBudgetStatus.CONDITION_READY,
            CostCenterBudgetStatus.CONDITION_PROFILES_READY,
            CostCenterBudgetStatus.CONDITION_BUDGET_EXCEEDED,
            CostCenterBudgetStatus.CONDITION_DEGRADED,
            BudgetReasons.CLEANUP_FAILED,
            BudgetReasons.ALIAS_NOT_READY)) {
      assertThat(budget).contains("\"" + literal + "\"");
    }
    assertThat(GitOpsFiles.healthScript(MODEL_ALIAS)).contains("\"Ready\"");
  }

  /**
   * luaj implements Lua 5.2, Argo CD's gopher-lua 5.1: what only 5.2 and later know would pass here
   * and fail in Argo CD. Argo CD also leaves out the string and math libraries (and every method
   * call on a string goes through the string library).
   */
  @Test
  void scriptsUseOnlyWhatArgoCdsLua51SandboxHas() {
    Pattern newer =
        Pattern.compile(
            "\\bgoto\\b|::\\w+::|\\b_ENV\\b|\\bbit32\\b|//|\\btable\\.(unpack|pack)\\b"
                + "|\\b(string|math|io|debug|coroutine|utf8)\\.|\\bos\\.|\\brequire\\b"
                + "|\\bload\\(|\\bsetfenv\\b|\\bgetfenv\\b|[\"')\\]]\\s*:\\s*\\w+\\(");
    for (String kind : List.of(COST_CENTER_BUDGET, MODEL_ALIAS)) {
      List<String> found = new ArrayList<>();
      String code = withoutComments(GitOpsFiles.healthScript(kind));
      Matcher m = newer.matcher(code);
      while (m.find()) {
        found.add(m.group());
      }
      assertThat(found).as("constructs in %s/health.lua that Argo CD cannot run", kind).isEmpty();
    }
  }

  @Test
  void theSandboxLacksTheStringLibraryAsArgoCdDoes() {
    JsonNode fixture = GitOpsFiles.fixture(GitOpsFiles.healthCases(MODEL_ALIAS).getFirst());
    assertThatThrownBy(
            () ->
                LuaHealthCheck.run(
                    "return {status = string.format('%s', 'Healthy'), message = ''}", fixture))
        .isInstanceOf(LuaError.class);
    assertThatThrownBy(
            () -> LuaHealthCheck.run("return {status = ('x'):upper(), message = ''}", fixture))
        .isInstanceOf(LuaError.class);
  }

  @Test
  void aScriptThatReturnsNoTableIsAnError() {
    JsonNode fixture = GitOpsFiles.fixture(GitOpsFiles.healthCases(MODEL_ALIAS).getFirst());
    assertThatThrownBy(() -> LuaHealthCheck.run("return 'Healthy'", fixture))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void docsEmbedTheTestedScriptsInArgocdCm() {
    Map<String, String> data = GitOpsFiles.argocdCmDataInDocs();
    assertThat(data)
        .containsEntry(
            GitOpsFiles.healthKey(COST_CENTER_BUDGET), GitOpsFiles.healthScript(COST_CENTER_BUDGET))
        .containsEntry(GitOpsFiles.healthKey(MODEL_ALIAS), GitOpsFiles.healthScript(MODEL_ALIAS));
  }

  @Test
  void argoCdHelmValuesEmbedTheTestedScripts() {
    JsonNode cm =
        GitOpsFiles.yaml(GitOpsFiles.EXAMPLES.resolve("argocd/argo-cd-values.yaml"))
            .getFirst()
            .path("configs")
            .path("cm");
    for (String kind : List.of(COST_CENTER_BUDGET, MODEL_ALIAS)) {
      assertThat(cm.path(GitOpsFiles.healthKey(kind)).asText())
          .as("configs.cm of examples/argocd/argo-cd-values.yaml for %s", kind)
          .isEqualTo(GitOpsFiles.healthScript(kind));
    }
  }

  private static Set<String> reasonsIn(String kind) {
    Set<String> reasons = new TreeSet<>();
    for (HealthCase c : GitOpsFiles.healthCases(kind)) {
      GitOpsFiles.fixture(c)
          .path("status")
          .path("conditions")
          .forEach(condition -> reasons.add(condition.path("reason").asText()));
    }
    return reasons;
  }

  private static List<String> constants(Class<?> type) {
    List<String> values = new ArrayList<>();
    for (Field f : type.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        try {
          values.add((String) f.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    assertThat(values).as("reasons of %s", type.getSimpleName()).isNotEmpty();
    return values;
  }

  private static String withoutComments(String lua) {
    return lua.lines().map(l -> l.replaceAll("--.*$", "")).reduce("", (a, b) -> a + b + "\n");
  }
}

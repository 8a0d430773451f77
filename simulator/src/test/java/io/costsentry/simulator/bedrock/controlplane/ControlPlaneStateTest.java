package io.costsentry.simulator.bedrock.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ControlPlaneStateTest {
  private static final String REGION = BedrockControlPlaneSimulator.REGION;
  private static final String SOURCE =
      BedrockControlPlaneSimulator.systemProfileArn("us.anthropic.claude-3-5-haiku-20241022-v1:0");

  private final ControlPlaneState state =
      new ControlPlaneState(
          REGION,
          BedrockControlPlaneSimulator.ACCOUNT_ID,
          new FoundationModels(REGION, BedrockControlPlaneSimulator.ACCOUNT_ID),
          Clock.systemUTC());

  @Test
  void pagesFollowCreationOrderAndSkipProfilesDeletedBetweenPages() {
    List<String> arns = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      arns.add(state.create("p" + i, null, null, SOURCE, Map.of()).arn());
    }

    ControlPlaneState.Page first = state.page(ProfileSummary.APPLICATION, null, 2);
    assertThat(first.items()).extracting(ProfileSummary::name).containsExactly("p0", "p1");
    assertThat(first.nextKey()).isNotNull();

    state.delete(arns.get(2)); // the first profile of the next page goes away
    state.create("p5", null, null, SOURCE, Map.of());
    ControlPlaneState.Page second = state.page(ProfileSummary.APPLICATION, first.nextKey(), 2);
    assertThat(second.items()).extracting(ProfileSummary::name).containsExactly("p3", "p4");
    ControlPlaneState.Page last = state.page(ProfileSummary.APPLICATION, second.nextKey(), 2);
    assertThat(last.items()).extracting(ProfileSummary::name).containsExactly("p5");
    assertThat(last.nextKey()).isNull();
  }

  @Test
  void aProfileIsFoundByIdAndItsNameIsFreeAgainOnceDeleted() {
    ApplicationProfile created = state.create("reused", null, null, SOURCE, Map.of());

    assertThat(state.get(created.id())).map(ProfileSummary::arn).contains(created.arn());
    state.delete(created.id());
    assertThat(state.get(created.arn())).isEmpty();
    ApplicationProfile again = state.create("reused", null, null, SOURCE, Map.of());
    assertThat(again.arn()).isNotEqualTo(created.arn());
    assertThat(state.page(ProfileSummary.APPLICATION, null, 10).items())
        .extracting(ProfileSummary::arn)
        .containsExactly(again.arn());
  }
}

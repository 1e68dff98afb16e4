package dev.loupe.bench.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.bench.FakeEngine;
import dev.loupe.bench.FakeMethodsAccess;
import dev.loupe.core.explain.Explanations;
import dev.loupe.core.explain.Labels;
import dev.loupe.core.explain.Target;
import dev.loupe.core.model.HookSpec;
import dev.loupe.core.model.ReluRule;
import dev.loupe.core.tensor.FloatArray;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordAndReplayTest {

    private static final HookSpec GUIDED = HookSpec.inputOnly().withReluRule(ReluRule.GUIDED);
    private static final HookSpec LAYER = HookSpec.layers(List.of("layer1"));

    private static Trace record(FakeEngine engine) {
        RecordingModel recorder = new RecordingModel(engine);
        recorder.start();
        Explanations.explain(FakeMethodsAccess.mixed(), recorder, FloatArray.zeros(2, 3, 4, 4), List.of(Target.top()),
                Labels.none());
        return recorder.finish();
    }

    @Test
    void everyCallIsRecordedWithItsShapesHooksTargetsAndInputOrigin() {
        Trace trace = record(new FakeEngine());

        assertThat(trace.calls()).containsExactly(
                new EngineCall.ScopeOpened(0),
                new EngineCall.Upload(0, Shape.of(2, 3, 4, 4)),
                new EngineCall.Forward(0, Shape.of(2, 3, 4, 4), HookSpec.none(), 1),
                new EngineCall.ScopeOpened(1),
                new EngineCall.Upload(1, Shape.of(1, 3, 4, 4)),
                new EngineCall.Upload(1, Shape.of(2, 3, 4, 4)), // randomNormal
                new EngineCall.Gradients(1, Shape.of(2, 3, 4, 4), GUIDED, List.of(2, 2), -1),
                new EngineCall.ScopeClosed(1),
                new EngineCall.Upload(0, Shape.of(2, 2, 1, 1)),
                new EngineCall.ForwardScaled(0, Shape.of(2, 3, 4, 4), "layer1", Shape.of(2, 2, 1, 1), 1, 8),
                // the fake's top class of row b is (b + 1) % 4
                new EngineCall.Gradients(0, Shape.of(2, 3, 4, 4), LAYER, List.of(1, 2), 1),
                new EngineCall.ScopeClosed(0));
        assertThat(trace.summary()).containsEntry("forwards", 1L).containsEntry("gradient_passes", 2L)
                .containsEntry("scaled_forwards", 1L).containsEntry("uploads", 4L).containsEntry("rows", 8L)
                .containsEntry("scopes", 2L);
    }

    @Test
    void theRecorderPassesCallsOnUnchanged() {
        FakeEngine engine = new FakeEngine();
        record(engine);

        assertThat(engine.log).containsExactly(
                "open 0",
                "0 upload [2, 3, 4, 4] -> upload#0",
                "0 forward [2, 3, 4, 4] from upload#0 " + HookSpec.none(),
                "open 1",
                "1 upload [1, 3, 4, 4] -> upload#1",
                "1 upload [2, 3, 4, 4] -> upload#2",
                "1 gradients [2, 3, 4, 4] from computed " + GUIDED + " targets [2, 2]",
                "close 1",
                "0 upload [2, 2, 1, 1] -> upload#3",
                "0 forwardScaled [2, 3, 4, 4] from upload#0 layer1 factor [2, 2, 1, 1] from upload#3",
                "0 gradients [2, 3, 4, 4] from upload#0 " + LAYER + " targets [1, 2]",
                "close 0");
    }

    @Test
    void theReplayMakesTheSameCallsWithTheSameShapesInTheSameScopes() {
        Trace trace = record(new FakeEngine());
        FakeEngine replayed = new FakeEngine();

        Replay.run(trace, replayed, ReplayInputs.random(trace, 7));

        // As recorded, except that the computed input of the guided pass is a random array
        // uploaded just before it (upload#3); uploaded inputs are reused, not uploaded again.
        assertThat(replayed.log).containsExactly(
                "open 0",
                "0 upload [2, 3, 4, 4] -> upload#0",
                "0 forward [2, 3, 4, 4] from upload#0 " + HookSpec.none(),
                "open 1",
                "1 upload [1, 3, 4, 4] -> upload#1",
                "1 upload [2, 3, 4, 4] -> upload#2",
                "1 upload [2, 3, 4, 4] -> upload#3",
                "1 gradients [2, 3, 4, 4] from upload#3 " + GUIDED + " targets [2, 2]",
                "close 1",
                "0 upload [2, 2, 1, 1] -> upload#4",
                "0 forwardScaled [2, 3, 4, 4] from upload#0 layer1 factor [2, 2, 1, 1] from upload#4",
                "0 gradients [2, 3, 4, 4] from upload#0 " + LAYER + " targets [1, 2]",
                "close 0");
        assertThat(replayed.openScopes()).isZero();
    }

    @Test
    void nothingIsRecordedOutsideStartAndFinish() {
        FakeEngine engine = new FakeEngine();
        RecordingModel recorder = new RecordingModel(engine);
        Explanations.explain(FakeMethodsAccess.mixed(), recorder, FloatArray.zeros(1, 3, 4, 4), List.of(Target.top()),
                Labels.none());
        recorder.start();
        assertThat(recorder.finish().calls()).isEmpty();
        assertThat(engine.log).hasSize(12); // the calls still reached the engine
        assertThatThrownBy(recorder::finish).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aFailingReplayClosesEveryScopeItOpened() {
        Trace broken = new Trace(List.of(
                new EngineCall.ScopeOpened(0),
                new EngineCall.ScopeOpened(1),
                new EngineCall.Forward(1, Shape.of(1, 3, 4, 4), HookSpec.none(), 5))); // no call 5 made a tensor
        FakeEngine engine = new FakeEngine();

        assertThatThrownBy(() -> Replay.run(broken, engine, ReplayInputs.random(broken, 1)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(engine.openScopes()).isZero();
        assertThat(engine.log).endsWith("close 1", "close 0");
    }

    @Test
    void aGradientPassRecordedWithoutTargetsIsReplayedAtTheTopClass() {
        Trace trace = new Trace(List.of(
                new EngineCall.ScopeOpened(0),
                new EngineCall.Gradients(0, Shape.of(3, 3, 4, 4), HookSpec.inputOnly(), List.of(), -1),
                new EngineCall.ScopeClosed(0)));
        FakeEngine engine = new FakeEngine();

        Replay.run(trace, engine, ReplayInputs.random(trace, 1));

        assertThat(engine.log.get(2)).endsWith("targets [1, 2, 3]");
    }

    @Test
    void randomInputsAreFreshPerSeedAndOfTheRecordedShapes() {
        Trace trace = record(new FakeEngine());
        ReplayInputs a = ReplayInputs.random(trace, 1);
        ReplayInputs b = ReplayInputs.random(trace, 2);

        assertThat(a.factor(9, Shape.of(2, 2, 1, 1)).shape()).containsExactly(2, 2, 1, 1);
        assertThat(a.passInput(6, Shape.of(2, 3, 4, 4)).data()).isNotEqualTo(b.passInput(6, Shape.of(2, 3, 4, 4)).data());
        assertThat(a.upload(4, Shape.of(1, 3, 4, 4))).isEqualTo(ReplayInputs.random(trace, 1).upload(4, Shape.of(1, 3, 4, 4)));
        assertThatThrownBy(() -> a.upload(0, Shape.of(9))).hasMessageContaining("no input of shape [9]");
    }

    @Test
    void capturedValuesAreReplayed() {
        FakeEngine engine = new FakeEngine();
        RecordingModel recorder = new RecordingModel(engine);
        FloatArray images = new FloatArray(new float[2 * 3 * 4 * 4], new long[] {2, 3, 4, 4});
        recorder.start(true);
        Explanations.explain(FakeMethodsAccess.mixed(), recorder, images, List.of(Target.top()), Labels.none());
        Trace trace = recorder.finish();
        CapturedInputs captured = recorder.captured();

        // uploads by reference; the computed input of the guided pass (call 6) copied to the host;
        // the randomNormal draw (call 5) left to random values
        assertThat(captured.upload(1)).isSameAs(engine.uploaded.get(0));
        assertThat(captured.upload(5)).isNull();
        assertThat(captured.passInput(6).shape()).containsExactly(2, 3, 4, 4);
        assertThat(captured.passInput(2)).isNull(); // an uploaded input is not copied again
        assertThat(captured.bytes()).isEqualTo(4L * (2 * 48 + 48 + 2 * 48 + 4));
        assertThat(recorder.captureNanos()).isNotNegative();

        FakeEngine replayed = new FakeEngine();
        Replay.run(trace, replayed, ReplayInputs.of(trace, captured, 3));
        // uploads: the images, the first image, the noise (random), the guided pass's input, the factor
        assertThat(replayed.uploaded.get(0)).isSameAs(engine.uploaded.get(0));
        assertThat(replayed.uploaded.get(1)).isSameAs(engine.uploaded.get(1));
        assertThat(replayed.uploaded.get(3)).isSameAs(captured.passInput(6));
        assertThat(replayed.uploaded.get(4)).isSameAs(engine.uploaded.get(3));
        assertThat(replayed.log).hasSize(13);
    }

    @Test
    void withoutCaptureNothingIsKept() {
        Trace trace = record(new FakeEngine());
        assertThat(trace.calls()).hasSize(12);
        RecordingModel recorder = new RecordingModel(new FakeEngine());
        recorder.start();
        assertThat(recorder.captured().isEmpty()).isTrue();
    }
}

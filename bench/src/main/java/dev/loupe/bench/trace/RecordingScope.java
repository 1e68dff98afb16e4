package dev.loupe.bench.trace;

import dev.loupe.core.model.ForwardPass;
import dev.loupe.core.model.GradientPass;
import dev.loupe.core.model.HookSpec;
import dev.loupe.core.model.Scope;
import dev.loupe.core.model.TargetResolver;
import dev.loupe.core.tensor.FloatArray;
import dev.loupe.core.tensor.NoiseSource;
import dev.loupe.core.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/** A scope that passes every call on to the backend's scope and logs it in its {@link RecordingModel}. */
final class RecordingScope implements Scope {

    private final RecordingModel owner;
    private final Scope scope;
    private final int id;

    RecordingScope(RecordingModel owner, Scope scope, int id) {
        this.owner = owner;
        this.scope = scope;
        this.id = id;
    }

    @Override
    public Tensor upload(FloatArray values) {
        Tensor tensor = scope.upload(values);
        owner.uploaded(tensor, values, owner.record(new EngineCall.Upload(id, Shape.of(values.shape()))));
        return tensor;
    }

    /** The backend's own randomNormal, logged as the upload of the host noise it makes. */
    @Override
    public Tensor randomNormal(NoiseSource noise, double mean, double std, long... shape) {
        Tensor tensor = scope.randomNormal(noise, mean, std, shape);
        owner.record(new EngineCall.Upload(id, Shape.of(shape)));
        return tensor;
    }

    @Override
    public ForwardPass forward(Tensor input, HookSpec hooks) {
        ForwardPass pass = scope.forward(input, hooks);
        int index = owner.record(new EngineCall.Forward(id, Shape.of(input.shape()), hooks, owner.uploadIndex(input)));
        owner.computed(input, index, false);
        return pass;
    }

    @Override
    public GradientPass gradients(Tensor input, HookSpec hooks, TargetResolver targets) {
        List<Integer> chosen = new ArrayList<>();
        GradientPass pass = scope.gradients(input, hooks, logits -> {
            int[] classes = targets.resolve(logits);
            chosen.clear();
            for (int c : classes) {
                chosen.add(c);
            }
            return classes;
        });
        int index = owner.record(new EngineCall.Gradients(id, Shape.of(input.shape()), hooks, chosen,
                owner.uploadIndex(input)));
        owner.computed(input, index, false);
        return pass;
    }

    @Override
    public ForwardPass forwardScaled(Tensor input, String layer, Tensor factor) {
        ForwardPass pass = scope.forwardScaled(input, layer, factor);
        int index = owner.record(new EngineCall.ForwardScaled(id, Shape.of(input.shape()), layer,
                Shape.of(factor.shape()), owner.uploadIndex(input), owner.uploadIndex(factor)));
        owner.computed(input, index, false);
        owner.computed(factor, index, true);
        return pass;
    }

    @Override
    public void close() {
        scope.close();
        owner.record(new EngineCall.ScopeClosed(id));
    }
}

package dev.loupe.testkit;

import dev.loupe.core.layer.LayerInfo;
import dev.loupe.core.model.Capability;
import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.model.ForwardPass;
import dev.loupe.core.model.GradientPass;
import dev.loupe.core.model.HookSpec;
import dev.loupe.core.model.ModelDescription;
import dev.loupe.core.model.ModelParameters;
import dev.loupe.core.model.ReluRule;
import dev.loupe.core.model.Scope;
import dev.loupe.core.model.TargetResolver;
import dev.loupe.core.stability.Experimental;
import dev.loupe.core.tensor.FloatArray;
import dev.loupe.core.tensor.Tensor;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A model seen through a narrow window, for conformance checks: it offers only {@code allowed}
 * capabilities and fails any pass that uses another one; it counts scopes opened and closed; and
 * it can make the {@code failAt}-th pass throw, to check what a method leaves behind when the
 * backend fails halfway. It never closes the model it wraps.
 */
@Experimental
public final class GuardedModel implements ExplainableModel {

    /** What an injected failure throws, so a suite can tell it from a real one. */
    public static final class InjectedFailure extends RuntimeException {
        InjectedFailure(int pass) {
            super("failure injected by the testkit at pass " + pass);
        }
    }

    private final ExplainableModel model;
    private final Set<Capability> allowed;
    private final int failAt;
    private final AtomicInteger passes = new AtomicInteger();
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();

    /**
     * @param failAt the 1-based pass that throws {@link InjectedFailure}, or 0 for none
     */
    public GuardedModel(ExplainableModel model, Set<Capability> allowed, int failAt) {
        this.model = model;
        this.allowed = allowed.isEmpty() ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(allowed);
        this.allowed.retainAll(model.capabilities());
        this.failAt = failAt;
    }

    public int passes() {
        return passes.get();
    }

    public int scopesOpened() {
        return opened.get();
    }

    public int scopesClosed() {
        return closed.get();
    }

    @Override
    public ModelDescription description() {
        return model.description();
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.copyOf(allowed);
    }

    @Override
    public String whyNot(Capability capability) {
        return allowed.contains(capability) ? null : "the testkit withholds " + capability + " from this model";
    }

    @Override
    public List<LayerInfo> layers() {
        return model.layers();
    }

    @Override
    public ModelParameters parameters() {
        require(Capability.PARAMETER_RANDOMIZATION, "parameters()");
        return model.parameters();
    }

    @Override
    public Scope openScope() {
        Scope scope = model.openScope();
        opened.incrementAndGet();
        return new GuardedScope(scope);
    }

    @Override
    public void close() {
        // the suite owns the wrapped model
    }

    private void require(Capability capability, String call) {
        if (!allowed.contains(capability)) {
            throw new UndeclaredCapabilityError(capability, call);
        }
    }

    private void countPass() {
        int pass = passes.incrementAndGet();
        if (pass == failAt) {
            throw new InjectedFailure(pass);
        }
    }

    /** A gradient pass includes its forward: it needs a gradient capability, not FORWARD. */
    private void requireFor(HookSpec hooks, boolean gradients) {
        if (!gradients) {
            require(Capability.FORWARD, "forward");
        }
        if (!hooks.layers().isEmpty()) {
            require(Capability.LAYER_ACTIVATION, "a layer hook");
            if (gradients) {
                require(Capability.LAYER_GRADIENT, "a layer gradient");
            }
        }
        if (gradients && hooks.inputGradient()) {
            require(Capability.INPUT_GRADIENT, "an input gradient");
        }
        if (hooks.reluRule() != ReluRule.PLAIN) {
            require(Capability.RELU_RULES, "ReLU rule " + hooks.reluRule());
        }
    }

    /** Thrown when a method uses a capability its provider did not declare. */
    public static final class UndeclaredCapabilityError extends AssertionError {
        UndeclaredCapabilityError(Capability capability, String call) {
            super("the method used " + capability + " (" + call + ") without declaring it in requiredCapabilities()");
        }
    }

    private final class GuardedScope implements Scope {
        private final Scope scope;
        private boolean isClosed;

        GuardedScope(Scope scope) {
            this.scope = scope;
        }

        @Override
        public Tensor upload(FloatArray values) {
            return scope.upload(values);
        }

        @Override
        public ForwardPass forward(Tensor input, HookSpec hooks) {
            requireFor(hooks, false);
            countPass();
            return scope.forward(input, hooks);
        }

        @Override
        public GradientPass gradients(Tensor input, HookSpec hooks, TargetResolver targets) {
            requireFor(hooks, true);
            countPass();
            return scope.gradients(input, hooks, targets);
        }

        @Override
        public ForwardPass forwardScaled(Tensor input, String layer, Tensor factor) {
            require(Capability.LAYER_SCALING, "forwardScaled");
            countPass();
            return scope.forwardScaled(input, layer, factor);
        }

        @Override
        public void close() {
            if (!isClosed) {
                isClosed = true;
                closed.incrementAndGet();
            }
            scope.close();
        }
    }
}

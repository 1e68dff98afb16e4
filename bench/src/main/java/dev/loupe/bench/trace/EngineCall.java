package dev.loupe.bench.trace;

import dev.loupe.core.model.HookSpec;
import dev.loupe.core.stability.Internal;
import java.util.List;
import java.util.Objects;

/**
 * One call a method made on a {@link dev.loupe.core.model.Scope} (or one scope opened or closed),
 * as {@link RecordingModel} logs it: enough to make the same call again on inputs of the same
 * shapes. {@code scope} numbers the scopes in the order they were opened within one trace.
 */
@Internal
public sealed interface EngineCall {

    /** The scope the call was made in. */
    int scope();

    /** {@code model.openScope()}. */
    record ScopeOpened(int scope) implements EngineCall {
    }

    /** {@code scope.close()}. */
    record ScopeClosed(int scope) implements EngineCall {
    }

    /** {@code upload} (and {@code randomNormal}, which uploads host noise): a host array copied in. */
    record Upload(int scope, Shape shape) implements EngineCall {

        public Upload {
            Objects.requireNonNull(shape, "shape");
        }
    }

    /** A forward or backward pass; {@code inputFrom} is explained on {@link Forward}. */
    sealed interface Pass extends EngineCall {

        Shape input();

        /**
         * The index in the trace of the {@link Upload} whose tensor was passed as the input, or -1
         * when the method computed the input (noisy copies, interpolation points).
         */
        int inputFrom();
    }

    /** {@code scope.forward(input, hooks)}. */
    record Forward(int scope, Shape input, HookSpec hooks, int inputFrom) implements Pass {

        public Forward {
            Objects.requireNonNull(input, "input");
            Objects.requireNonNull(hooks, "hooks");
        }
    }

    /**
     * {@code scope.gradients(input, hooks, targets)}; {@code targets} are the classes the
     * method's resolver chose (empty if the backend never asked it).
     */
    record Gradients(int scope, Shape input, HookSpec hooks, List<Integer> targets, int inputFrom) implements Pass {

        public Gradients {
            Objects.requireNonNull(input, "input");
            Objects.requireNonNull(hooks, "hooks");
            targets = List.copyOf(targets);
        }
    }

    /** {@code scope.forwardScaled(input, layer, factor)}; {@code factorFrom} as {@code inputFrom}. */
    record ForwardScaled(int scope, Shape input, String layer, Shape factor, int inputFrom, int factorFrom)
            implements Pass {

        public ForwardScaled {
            Objects.requireNonNull(input, "input");
            Objects.requireNonNull(layer, "layer");
            Objects.requireNonNull(factor, "factor");
        }
    }
}

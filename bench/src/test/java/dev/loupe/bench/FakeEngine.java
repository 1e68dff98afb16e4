package dev.loupe.bench;

import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import dev.loupe.core.layer.LayerInfo;
import dev.loupe.core.model.Capability;
import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.model.ForwardPass;
import dev.loupe.core.model.GradientPass;
import dev.loupe.core.model.HookSpec;
import dev.loupe.core.model.ModelDescription;
import dev.loupe.core.model.Scope;
import dev.loupe.core.model.TargetResolver;
import dev.loupe.core.tensor.FloatArray;
import dev.loupe.core.tensor.Interpolation;
import dev.loupe.core.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A model without an engine that writes down every call made on its scopes, with shapes, hooks,
 * targets and where each pass's input came from ("upload#N" for the tensor the N-th upload made,
 * "computed" for a tensor made by arithmetic), so tests can compare a method's calls with a replay's.
 */
public final class FakeEngine implements ExplainableModel {

    public final List<String> log = new ArrayList<>();
    /** Every array uploaded, in order. */
    public final List<FloatArray> uploaded = new ArrayList<>();
    private final int classes;
    private final Set<Capability> capabilities;
    private int scopes;
    private int uploads;
    private int openScopes;

    public FakeEngine(int classes, Set<Capability> capabilities) {
        this.classes = classes;
        this.capabilities = capabilities;
    }

    public FakeEngine() {
        this(4, EnumSet.allOf(Capability.class));
    }

    /** Scopes opened and not closed yet. */
    public int openScopes() {
        return openScopes;
    }

    @Override
    public ModelDescription description() {
        return new ModelDescription("fake", "fake.pt", "0", "cpu", new long[] {3, 4, 4}, classes);
    }

    @Override
    public Set<Capability> capabilities() {
        return capabilities;
    }

    @Override
    public List<LayerInfo> layers() {
        return List.of(new LayerInfo("layer1", "Conv2d", new long[] {1, 2, 2, 2}));
    }

    @Override
    public Scope openScope() {
        int id = scopes++;
        openScopes++;
        log.add("open " + id);
        return new FakeScope(id);
    }

    @Override
    public void close() {
    }

    private final class FakeScope implements Scope {

        private final int id;

        FakeScope(int id) {
            this.id = id;
        }

        @Override
        public Tensor upload(FloatArray values) {
            String origin = "upload#" + uploads++;
            uploaded.add(values);
            log.add(id + " upload " + Arrays.toString(values.shape()) + " -> " + origin);
            return new FakeTensor(values.shape(), origin);
        }

        @Override
        public ForwardPass forward(Tensor input, HookSpec hooks) {
            log.add(id + " forward " + describe(input) + " " + hooks);
            return new Pass(input.dim(0), null);
        }

        @Override
        public GradientPass gradients(Tensor input, HookSpec hooks, TargetResolver targets) {
            long rows = input.dim(0);
            float[] logits = new float[(int) rows * classes];
            for (int b = 0; b < rows; b++) {
                logits[b * classes + (b + 1) % classes] = 1; // top class of row b: (b + 1) % classes
            }
            int[] chosen = targets.resolve(new FloatArray(logits, new long[] {rows, classes}));
            log.add(id + " gradients " + describe(input) + " " + hooks + " targets " + Arrays.toString(chosen));
            return new Pass(rows, chosen);
        }

        @Override
        public ForwardPass forwardScaled(Tensor input, String layer, Tensor factor) {
            log.add(id + " forwardScaled " + describe(input) + " " + layer + " factor " + describe(factor));
            return new Pass(input.dim(0), null);
        }

        @Override
        public void close() {
            openScopes--;
            log.add("close " + id);
        }
    }

    private static String describe(Tensor t) {
        return Arrays.toString(t.shape()) + " from " + ((FakeTensor) t).origin;
    }

    private final class Pass implements GradientPass {

        private final long rows;
        private final int[] targets;

        Pass(long rows, int[] targets) {
            this.rows = rows;
            this.targets = targets;
        }

        @Override
        public Tensor logits() {
            return new FakeTensor(new long[] {rows, classes}, "computed");
        }

        @Override
        public Tensor activation(String layer) {
            return new FakeTensor(new long[] {rows, 2, 2, 2}, "computed");
        }

        @Override
        public int[] targets() {
            return targets.clone();
        }

        @Override
        public float[] targetScores() {
            return new float[targets.length];
        }

        @Override
        public Tensor inputGradient() {
            throw new UnsupportedOperationException("fake: no gradients");
        }

        @Override
        public Tensor layerGradient(String layer) {
            throw new UnsupportedOperationException("fake: no gradients");
        }
    }

    /** A shape and where it came from; arithmetic gives "computed" tensors of the broadcast shape. */
    static final class FakeTensor implements Tensor {

        private final long[] shape;
        final String origin;

        FakeTensor(long[] shape, String origin) {
            this.shape = shape.clone();
            this.origin = origin;
        }

        @Override
        public long[] shape() {
            return shape.clone();
        }

        private Tensor computed(Tensor other) {
            long[] s = shape.clone();
            long[] o = other.shape();
            for (int i = 0; i < s.length; i++) {
                s[i] = Math.max(s[i], o[i]);
            }
            return new FakeTensor(s, "computed");
        }

        private Tensor computed() {
            return new FakeTensor(shape, "computed");
        }

        @Override
        public Tensor add(Tensor other) {
            return computed(other);
        }

        @Override
        public Tensor sub(Tensor other) {
            return computed(other);
        }

        @Override
        public Tensor mul(Tensor other) {
            return computed(other);
        }

        @Override
        public Tensor div(Tensor other) {
            return computed(other);
        }

        @Override
        public Tensor add(double scalar) {
            return computed();
        }

        @Override
        public Tensor mul(double scalar) {
            return computed();
        }

        @Override
        public Tensor square() {
            return computed();
        }

        @Override
        public Tensor sqrt() {
            return computed();
        }

        @Override
        public Tensor abs() {
            return computed();
        }

        @Override
        public Tensor relu() {
            return computed();
        }

        @Override
        public Tensor clamp(double min, double max) {
            return computed();
        }

        @Override
        public Tensor sum(boolean keepDims, int... axes) {
            throw new UnsupportedOperationException("fake");
        }

        @Override
        public Tensor mean(boolean keepDims, int... axes) {
            throw new UnsupportedOperationException("fake");
        }

        @Override
        public Tensor max(boolean keepDims, int... axes) {
            throw new UnsupportedOperationException("fake");
        }

        @Override
        public Tensor min(boolean keepDims, int... axes) {
            throw new UnsupportedOperationException("fake");
        }

        @Override
        public Tensor reshape(long... newShape) {
            return new FakeTensor(newShape, "computed");
        }

        @Override
        public Tensor slice(int axis, long start, long end) {
            throw new UnsupportedOperationException("fake");
        }

        @Override
        public Tensor interpolate(long height, long width, Interpolation mode) {
            throw new UnsupportedOperationException("fake");
        }

        @Override
        public FloatArray toHost() {
            return FloatArray.zeros(shape);
        }
    }

    /** An error a method may throw on a model it cannot explain. */
    static LoupeException unsupported(String why) {
        return new LoupeException(ErrorKind.INPUT, why);
    }
}

package dev.loupe.backend.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import dev.loupe.core.tensor.FloatArray;
import dev.loupe.core.tensor.Interpolation;
import dev.loupe.core.tensor.Tensor;
import java.util.Arrays;

/** A {@link Tensor} over a DJL {@link NDArray}, owned by the scope's NDManager. */
final class DjlTensor implements Tensor {

    private final NDArray array;

    DjlTensor(NDArray array) {
        this.array = array;
    }

    static NDArray unwrap(Tensor tensor) {
        if (tensor instanceof DjlTensor djl) {
            return djl.array;
        }
        throw new IllegalArgumentException("tensor " + tensor + " was not made by the DJL backend");
    }

    NDArray array() {
        return array;
    }

    @Override
    public long[] shape() {
        return array.getShape().getShape();
    }

    @Override
    public Tensor add(Tensor other) {
        return new DjlTensor(array.add(unwrap(other)));
    }

    @Override
    public Tensor sub(Tensor other) {
        return new DjlTensor(array.sub(unwrap(other)));
    }

    @Override
    public Tensor mul(Tensor other) {
        return new DjlTensor(array.mul(unwrap(other)));
    }

    @Override
    public Tensor div(Tensor other) {
        return new DjlTensor(array.div(unwrap(other)));
    }

    @Override
    public Tensor add(double scalar) {
        return new DjlTensor(array.add((float) scalar));
    }

    @Override
    public Tensor mul(double scalar) {
        return new DjlTensor(array.mul((float) scalar));
    }

    @Override
    public Tensor square() {
        return new DjlTensor(array.square());
    }

    @Override
    public Tensor sqrt() {
        return new DjlTensor(array.sqrt());
    }

    @Override
    public Tensor abs() {
        return new DjlTensor(array.abs());
    }

    @Override
    public Tensor relu() {
        return new DjlTensor(array.maximum(0f));
    }

    @Override
    public Tensor clamp(double min, double max) {
        return new DjlTensor(array.clip((float) min, (float) max));
    }

    @Override
    public Tensor sum(boolean keepDims, int... axes) {
        return reduce(Reduction.SUM, keepDims, axes);
    }

    @Override
    public Tensor mean(boolean keepDims, int... axes) {
        return reduce(Reduction.MEAN, keepDims, axes);
    }

    @Override
    public Tensor max(boolean keepDims, int... axes) {
        return reduce(Reduction.MAX, keepDims, axes);
    }

    @Override
    public Tensor min(boolean keepDims, int... axes) {
        return reduce(Reduction.MIN, keepDims, axes);
    }

    private enum Reduction { SUM, MEAN, MAX, MIN }

    /**
     * The PyTorch engine reduces one axis per call for mean/max/min ("Only 1 axis is support!"),
     * so axes are reduced one at a time, highest first so lower indices stay valid.
     */
    private Tensor reduce(Reduction reduction, boolean keepDims, int... axes) {
        int rank = array.getShape().dimension();
        int[] sorted = Arrays.stream(axes.length == 0 ? allAxes(rank) : axes)
                .map(a -> a < 0 ? rank + a : a).distinct().sorted().toArray();
        NDArray result = array;
        for (int i = sorted.length - 1; i >= 0; i--) {
            int[] axis = {sorted[i]};
            result = switch (reduction) {
                case SUM -> result.sum(axis, keepDims);
                case MEAN -> result.mean(axis, keepDims);
                case MAX -> result.max(axis, keepDims);
                case MIN -> result.min(axis, keepDims);
            };
        }
        return new DjlTensor(result);
    }

    private static int[] allAxes(int rank) {
        int[] all = new int[rank];
        for (int i = 0; i < rank; i++) {
            all[i] = i;
        }
        return all;
    }

    @Override
    public Tensor reshape(long... shape) {
        return new DjlTensor(array.reshape(new Shape(shape)));
    }

    @Override
    public Tensor slice(int axis, long start, long end) {
        int rank = array.getShape().dimension();
        int a = axis < 0 ? rank + axis : axis;
        StringBuilder index = new StringBuilder();
        for (int i = 0; i < rank; i++) {
            index.append(i == 0 ? "" : ",").append(i == a ? start + ":" + end : ":");
        }
        return new DjlTensor(array.get(new NDIndex(index.toString())));
    }

    @Override
    public Tensor interpolate(long height, long width, Interpolation mode) {
        int rank = array.getShape().dimension();
        if (rank != 3 && rank != 4) {
            throw new IllegalArgumentException("interpolate needs a rank-3 or rank-4 tensor, got " + array.getShape());
        }
        NDArray input = rank == 3 ? array.expandDims(0) : array;
        NDArray out;
        if (mode == Interpolation.BILINEAR_ALIGN_CORNERS) {
            // DJL's native interpolation ignores align_corners, so resample as R_y X R_x^T
            long[] s = input.getShape().getShape();
            NDManager manager = array.getManager();
            NDArray rows = manager.create(alignCornersWeights(s[2], height), new Shape(height, s[2]));
            NDArray columns = manager.create(alignCornersWeights(s[3], width), new Shape(width, s[3]));
            out = rows.matMul(input).matMul(columns.transpose());
        } else {
            // libtorch's mode numbers through DJL's JNI: 0 nearest, 2 bilinear (half-pixel centres).
            // JniUtils, not NDArrayEx.interpolation: that one is missing from DJL 0.29 (-Pcuda).
            int code = mode == Interpolation.NEAREST ? 0 : 2;
            out = JniUtils.interpolate((PtNDArray) input, new long[] {height, width}, code, false);
        }
        return new DjlTensor(rank == 3 ? out.squeeze(0) : out);
    }

    /** (to, from) linear interpolation weights with output pixel i at source i * (from - 1) / (to - 1). */
    private static float[] alignCornersWeights(long from, long to) {
        float[] weights = new float[(int) (to * from)];
        for (int i = 0; i < to; i++) {
            double position = to == 1 ? 0 : (double) i * (from - 1) / (to - 1);
            int low = (int) Math.floor(position);
            int high = (int) Math.min(low + 1, from - 1);
            double t = position - low;
            weights[(int) (i * from + low)] += (float) (1 - t);
            weights[(int) (i * from + high)] += (float) t;
        }
        return weights;
    }

    @Override
    public FloatArray toHost() {
        NDArray values = array.getDataType() == DataType.FLOAT32 ? array : array.toType(DataType.FLOAT32, false);
        return new FloatArray(values.toFloatArray(), shape());
    }

    @Override
    public String toString() {
        return "DjlTensor" + array.getShape();
    }
}

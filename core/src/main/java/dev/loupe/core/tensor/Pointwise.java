package dev.loupe.core.tensor;

/**
 * Operations on each value alone. One plain loop per operation, so that the JIT can vectorise
 * it and no call is made per element. Scalars arrive as float: PyTorch rounds a Python scalar
 * to the tensor's float32 before it computes with it.
 */
final class Pointwise {

    enum Op { ADD, MUL, SQUARE, SQRT, ABS, RELU, CLAMP }

    private Pointwise() {
    }

    /** @param p the scalar of ADD and MUL, the lower bound of CLAMP; @param q CLAMP's upper bound */
    static float[] apply(Op op, float[] x, float p, float q) {
        float[] out = new float[x.length];
        int n = x.length;
        switch (op) {
            case ADD -> { for (int i = 0; i < n; i++) out[i] = x[i] + p; }
            case MUL -> { for (int i = 0; i < n; i++) out[i] = x[i] * p; }
            case SQUARE -> { for (int i = 0; i < n; i++) out[i] = x[i] * x[i]; }
            // a double square root rounded to float is the correctly rounded float square root
            case SQRT -> { for (int i = 0; i < n; i++) out[i] = (float) Math.sqrt(x[i]); }
            case ABS -> { for (int i = 0; i < n; i++) out[i] = Math.abs(x[i]); }
            // maximum(x, 0) as DjlTensor computes it: NaN stays NaN
            case RELU -> { for (int i = 0; i < n; i++) out[i] = Math.max(x[i], 0f); }
            // torch.clamp: NaN stays NaN, and min > max gives max everywhere
            case CLAMP -> { for (int i = 0; i < n; i++) out[i] = Math.min(Math.max(x[i], p), q); }
        }
        return out;
    }
}

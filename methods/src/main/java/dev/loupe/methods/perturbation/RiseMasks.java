package dev.loupe.methods.perturbation;

import dev.loupe.core.tensor.FloatArray;
import java.util.SplittableRandom;

/**
 * RISE's random masks (Petsiuk et al. 2018), made on the host from a seed: a grid x grid binary
 * grid with cells kept with probability p, upsampled bilinearly (half-pixel centres, PyTorch's
 * align_corners=False) to (grid + 1) cells of ceil(H / grid) x ceil(W / grid) pixels, then cropped
 * to H x W at a random shift of less than one cell. A stream with the same seed gives the same
 * masks, in the same order, whatever the batch size.
 */
final class RiseMasks implements RiseProvider.MaskStream {

    private final SplittableRandom random;
    private final int grid;
    private final double keep;
    private final int height;
    private final int width;
    private final int cellHeight;
    private final int cellWidth;

    RiseMasks(long seed, int grid, double keep, int height, int width) {
        this.random = new SplittableRandom(seed);
        this.grid = grid;
        this.keep = keep;
        this.height = height;
        this.width = width;
        this.cellHeight = (height + grid - 1) / grid;
        this.cellWidth = (width + grid - 1) / grid;
    }

    @Override
    public FloatArray next(int count) {
        float[] masks = new float[count * height * width];
        float[] cells = new float[grid * grid];
        for (int n = 0; n < count; n++) {
            for (int i = 0; i < cells.length; i++) {
                cells[i] = random.nextDouble() < keep ? 1f : 0f;
            }
            int dy = random.nextInt(cellHeight);
            int dx = random.nextInt(cellWidth);
            upsampleAndCrop(cells, dy, dx, masks, n * height * width);
        }
        return new FloatArray(masks, new long[] {count, height, width});
    }

    private void upsampleAndCrop(float[] cells, int dy, int dx, float[] out, int offset) {
        int[] y0 = new int[height];
        int[] y1 = new int[height];
        float[] fy = new float[height];
        axis(height, dy, (grid + 1) * cellHeight, y0, y1, fy);
        int[] x0 = new int[width];
        int[] x1 = new int[width];
        float[] fx = new float[width];
        axis(width, dx, (grid + 1) * cellWidth, x0, x1, fx);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                float top = cells[y0[y] * grid + x0[x]] * (1 - fx[x]) + cells[y0[y] * grid + x1[x]] * fx[x];
                float bottom = cells[y1[y] * grid + x0[x]] * (1 - fx[x]) + cells[y1[y] * grid + x1[x]] * fx[x];
                out[offset + y * width + x] = top * (1 - fy[y]) + bottom * fy[y];
            }
        }
    }

    /** Source cells and weights of output pixels shift .. shift + size - 1 of an upsampled axis of length {@code full}. */
    private void axis(int size, int shift, int full, int[] low, int[] high, float[] weight) {
        double scale = (double) grid / full;
        for (int i = 0; i < size; i++) {
            double source = Math.max(0, (i + shift + 0.5) * scale - 0.5);
            low[i] = Math.min((int) source, grid - 1);
            high[i] = Math.min(low[i] + 1, grid - 1);
            weight[i] = (float) (source - low[i]);
        }
    }
}

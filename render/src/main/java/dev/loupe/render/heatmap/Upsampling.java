package dev.loupe.render.heatmap;

import dev.loupe.core.stability.Experimental;
import dev.loupe.core.tensor.FloatArray;
import dev.loupe.render.image.Bilinear;

/** How a map at a layer's resolution is brought to the image's size. */
@Experimental
public enum Upsampling {
    /** Half-pixel centres, as {@code F.interpolate(mode="bilinear", align_corners=False)}: smooth. */
    BILINEAR("bilinear"),
    /** {@code F.interpolate(mode="nearest")}: source pixel {@code floor(i * in / out)}; shows the layer's cells. */
    NEAREST("nearest");

    private final String id;

    Upsampling(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Upsampling byName(String name) {
        return Named.byName(Upsampling.class, "upsampling", name, Upsampling::id);
    }

    /** An (h, w) or (C, h, w) map resized to {@code height x width}; a copy when the size matches. */
    public FloatArray resize(FloatArray map, int height, int width) {
        if (this == BILINEAR) {
            return Bilinear.resize(map, height, width);
        }
        long[] shape = map.shape();
        int rank = shape.length;
        int inH = Math.toIntExact(shape[rank - 2]);
        int inW = Math.toIntExact(shape[rank - 1]);
        int channels = map.size() / (inH * inW);
        // PyTorch's nearest kernel: scale = in / out as float, source = min(floor(i * scale), in - 1)
        float scaleH = (float) inH / height;
        float scaleW = (float) inW / width;
        float[] in = map.data();
        float[] out = new float[channels * height * width];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < height; y++) {
                int sy = Math.min((int) Math.floor(y * scaleH), inH - 1);
                for (int x = 0; x < width; x++) {
                    int sx = Math.min((int) Math.floor(x * scaleW), inW - 1);
                    out[(c * height + y) * width + x] = in[(c * inH + sy) * inW + sx];
                }
            }
        }
        long[] outShape = shape.clone();
        outShape[rank - 2] = height;
        outShape[rank - 1] = width;
        return new FloatArray(out, outShape);
    }

    @Override
    public String toString() {
        return id;
    }
}

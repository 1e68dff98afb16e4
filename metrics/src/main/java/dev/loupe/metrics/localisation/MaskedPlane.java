package dev.loupe.metrics.localisation;

import dev.loupe.core.evaluate.EvaluationContext;
import dev.loupe.core.tensor.FloatArray;
import dev.loupe.metrics.MapPlane;

/** An image's map as one value per pixel next to its ground-truth mask (on the object where the mask is above 0.5). */
record MaskedPlane(float[] values, boolean[] object, int height, int width) {

    /** Image {@code b}'s plane and mask; null when the image has no mask. */
    static MaskedPlane of(EvaluationContext context, int b, MapPlane.Reduction reduction) {
        FloatArray mask = context.mask(b);
        if (mask == null) {
            return null;
        }
        long[] shape = context.images().shape();
        int height = (int) shape[2];
        int width = (int) shape[3];
        if (mask.rank() != 2 || mask.dim(0) != height || mask.dim(1) != width) {
            throw new IllegalArgumentException("mask " + mask + " does not match the image's " + height + "x" + width);
        }
        boolean[] object = new boolean[height * width];
        for (int i = 0; i < object.length; i++) {
            object[i] = mask.data()[i] > 0.5f;
        }
        return new MaskedPlane(MapPlane.of(context.attributions().get(b), height, width, reduction), object, height, width);
    }

    boolean objectIsEmpty() {
        for (boolean on : object) {
            if (on) {
                return false;
            }
        }
        return true;
    }
}

package dev.loupe.render.image;

/**
 * torchvision's {@code CenterCrop} on RGB planes: the offset is {@code round((in - crop) / 2)}
 * with Python's round-half-to-even, and a crop larger than the image is padded with zeros
 * (left/top get {@code (crop - in) / 2}, the rest to the right/bottom).
 */
final class CenterCrop {

    private CenterCrop() {}

    static float[] apply(float[] planes, ImageSize in, ImageSize crop) {
        if (in.equals(crop)) {
            return planes;
        }
        int inH = in.height();
        int inW = in.width();
        // Padding first, then an ordinary crop of the padded image, exactly in torchvision's order.
        int padTop = crop.height() > inH ? (crop.height() - inH) / 2 : 0;
        int padLeft = crop.width() > inW ? (crop.width() - inW) / 2 : 0;
        int paddedH = Math.max(inH, crop.height());
        int paddedW = Math.max(inW, crop.width());
        int top = (int) Math.rint((paddedH - crop.height()) / 2.0);
        int left = (int) Math.rint((paddedW - crop.width()) / 2.0);
        int outPlane = crop.height() * crop.width();
        float[] out = new float[3 * outPlane];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < crop.height(); y++) {
                int srcY = top + y - padTop;
                if (srcY < 0 || srcY >= inH) {
                    continue;
                }
                for (int x = 0; x < crop.width(); x++) {
                    int srcX = left + x - padLeft;
                    if (srcX >= 0 && srcX < inW) {
                        out[c * outPlane + y * crop.width() + x] = planes[(c * inH + srcY) * inW + srcX];
                    }
                }
            }
        }
        return out;
    }
}

package dev.loupe.render.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.nio.file.Path;
import java.util.List;

/**
 * Turns a decoded image into RGB planes by reading the raster's samples directly.
 *
 * <p>Not through {@code Graphics.drawImage} or {@code ColorConvertOp}: those convert a gray image
 * through a linear-gray colour space and change its values, whereas PIL's {@code convert("RGB")}
 * (what the Python reference code does) copies the gray sample into all three channels. Colour
 * profiles are ignored for the same reason: PIL ignores them too.
 */
final class RasterToRgb {

    static final String GRAY_WARNING = "grayscale image converted to RGB";
    static final String ALPHA_WARNING = "alpha channel dropped (transparent pixels keep their stored colour,"
            + " as PIL's convert('RGB') does)";
    static final String SIXTEEN_BIT_WARNING = "16-bit image scaled to [0, 1] by 1/65535";

    private RasterToRgb() {}

    static float[] toChw(BufferedImage image, Path file, List<String> warnings) throws ImageReadException {
        ColorModel cm = image.getColorModel();
        if (cm instanceof IndexColorModel icm) {
            return fromPalette(image.getRaster(), icm, warnings);
        }
        Raster raster = image.getRaster();
        int transfer = raster.getTransferType();
        if (transfer == DataBuffer.TYPE_FLOAT || transfer == DataBuffer.TYPE_DOUBLE) {
            throw unsupported(file, "it stores floating-point samples");
        }
        if (raster.getNumBands() != cm.getNumComponents()) {
            throw unsupported(file, "its raster has " + raster.getNumBands() + " bands for "
                    + cm.getNumComponents() + " colour components");
        }
        int colorType = cm.getColorSpace().getType();
        int colors = cm.getNumColorComponents();
        int[] bands;
        if (colorType == ColorSpace.TYPE_GRAY && colors == 1) {
            bands = new int[] {0, 0, 0};
            warnings.add(GRAY_WARNING);
        } else if (colorType == ColorSpace.TYPE_RGB && colors == 3) {
            bands = new int[] {0, 1, 2};
        } else {
            throw unsupported(file, "its colour space has " + colors + " components of type "
                    + colorSpaceName(colorType) + " (only gray and RGB are read)");
        }
        if (cm.hasAlpha()) {
            warnings.add(ALPHA_WARNING);
        }
        int bits = 0;
        for (int b = 0; b < colors; b++) {
            bits = Math.max(bits, cm.getComponentSize(b));
        }
        if (bits == 16) {
            warnings.add(SIXTEEN_BIT_WARNING);
        } else if (bits > 8) {
            warnings.add(bits + "-bit image scaled to [0, 1] by 1/" + ((1L << bits) - 1));
        }
        return fromBands(raster, cm, bands);
    }

    private static float[] fromBands(Raster raster, ColorModel cm, int[] bands) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        int plane = w * h;
        float[] out = new float[3 * plane];
        int[] row = new int[w];
        for (int c = 0; c < 3; c++) {
            int bits = cm.getComponentSize(bands[c]);
            // For 8 bits, s / 255f is the float numpy gives for np.asarray(img, np.float32) / 255.
            float max = (float) ((1L << bits) - 1);
            for (int y = 0; y < h; y++) {
                raster.getSamples(raster.getMinX(), raster.getMinY() + y, w, 1, bands[c], row);
                int base = c * plane + y * w;
                for (int x = 0; x < w; x++) {
                    out[base + x] = row[x] / max;
                }
            }
        }
        return out;
    }

    private static float[] fromPalette(Raster raster, IndexColorModel icm, List<String> warnings) {
        int size = icm.getMapSize();
        // A lookup table over every index the sample width allows: an index past the palette
        // reads as black instead of failing.
        int entries = Math.max(size, 1 << Math.min(raster.getSampleModel().getSampleSize(0), 16));
        float[] red = new float[entries];
        float[] green = new float[entries];
        float[] blue = new float[entries];
        boolean gray = true;
        for (int i = 0; i < size; i++) {
            red[i] = icm.getRed(i) / 255f;
            green[i] = icm.getGreen(i) / 255f;
            blue[i] = icm.getBlue(i) / 255f;
            gray &= icm.getRed(i) == icm.getGreen(i) && icm.getGreen(i) == icm.getBlue(i);
        }
        // Java decodes 1-, 2- and 4-bit gray PNGs into a gray palette.
        if (gray) {
            warnings.add(GRAY_WARNING);
        }
        if (icm.hasAlpha()) {
            warnings.add(ALPHA_WARNING);
        }
        int w = raster.getWidth();
        int h = raster.getHeight();
        int plane = w * h;
        float[] out = new float[3 * plane];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            raster.getSamples(raster.getMinX(), raster.getMinY() + y, w, 1, 0, row);
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                int index = row[x];
                out[i] = red[index];
                out[plane + i] = green[index];
                out[2 * plane + i] = blue[index];
            }
        }
        return out;
    }

    private static ImageReadException unsupported(Path file, String why) {
        return new ImageReadException(file, ImageReadException.Reason.UNSUPPORTED,
                "unsupported pixel layout: " + why,
                "Convert it to an 8-bit RGB or grayscale PNG or JPEG");
    }

    private static String colorSpaceName(int type) {
        return switch (type) {
            case ColorSpace.TYPE_CMYK -> "CMYK";
            case ColorSpace.TYPE_CMY -> "CMY";
            case ColorSpace.TYPE_YCbCr -> "YCbCr";
            case ColorSpace.TYPE_Lab -> "Lab";
            case ColorSpace.TYPE_XYZ -> "XYZ";
            case ColorSpace.TYPE_HSV -> "HSV";
            case ColorSpace.TYPE_GRAY -> "gray";
            case ColorSpace.TYPE_RGB -> "RGB";
            default -> "#" + type;
        };
    }
}

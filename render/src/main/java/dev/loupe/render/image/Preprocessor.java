package dev.loupe.render.image;

import dev.loupe.core.stability.Experimental;
import dev.loupe.core.tensor.FloatArray;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The usual classifier preprocessing, with torchvision's semantics on tensors: resize
 * ({@link Bilinear}, no antialiasing), then center crop, then {@code (x - mean) / std} per channel.
 *
 * <p>Resizing follows {@code F.interpolate(..., "bilinear", align_corners=False)}, as torchvision's
 * {@code Resize} does on a tensor with {@code antialias=False}. Torchvision on a PIL image
 * resizes with antialiasing instead, which differs when shrinking.
 *
 * @param resize how to size the image first
 * @param centerCrop the crop taken from the middle of the resized image, if any
 * @param mean per-channel mean, red first
 * @param std per-channel standard deviation, red first
 */
@Experimental
public record Preprocessor(Resize resize, Optional<ImageSize> centerCrop, float[] mean, float[] std) {

    public Preprocessor {
        Objects.requireNonNull(resize, "resize");
        Objects.requireNonNull(centerCrop, "centerCrop");
        if (mean == null || mean.length != 3 || std == null || std.length != 3) {
            throw new IllegalArgumentException("mean and std need 3 values each (R, G, B), got "
                    + Arrays.toString(mean) + " and " + Arrays.toString(std));
        }
        for (int c = 0; c < 3; c++) {
            if (!Float.isFinite(mean[c]) || !Float.isFinite(std[c]) || std[c] == 0f) {
                throw new IllegalArgumentException("mean must be finite and std finite and non-zero, got mean "
                        + Arrays.toString(mean) + ", std " + Arrays.toString(std));
            }
        }
        mean = mean.clone();
        std = std.clone();
    }

    /** torchvision's ImageNet recipe: Resize(256), CenterCrop(224), ImageNet mean and std. */
    public static Preprocessor imagenet() {
        return new Preprocessor(Resize.shorterSide(256), Optional.of(ImageSize.square(224)),
                new float[] {0.485f, 0.456f, 0.406f}, new float[] {0.229f, 0.224f, 0.225f});
    }

    @Override
    public float[] mean() {
        return mean.clone();
    }

    @Override
    public float[] std() {
        return std.clone();
    }

    /** The model input size this preprocessor produces for an image of the given size. */
    public ImageSize outputSize(int height, int width) {
        return centerCrop.orElseGet(() -> resize.target(height, width));
    }

    public PreprocessedImage apply(RgbImage image) {
        ImageSize size = resize.target(image.height(), image.width());
        float[] pixels = Bilinear.resize(image.chw(), 3, image.height(), image.width(), size.height(), size.width());
        List<String> warnings = new ArrayList<>();
        if (centerCrop.isPresent()) {
            ImageSize crop = centerCrop.get();
            if (crop.height() > size.height() || crop.width() > size.width()) {
                warnings.add("center crop " + crop + " is larger than the resized image " + size
                        + "; padded with black as torchvision does");
            }
            pixels = CenterCrop.apply(pixels, size, crop);
            size = crop;
        }
        RgbImage display = image.withPixels(size.width(), size.height(), pixels, warnings);
        int plane = size.height() * size.width();
        float[] normalised = new float[3 * plane];
        for (int c = 0; c < 3; c++) {
            float m = mean[c];
            float s = std[c];
            for (int i = c * plane; i < (c + 1) * plane; i++) {
                // subtract then divide in float32, as torchvision's Normalize does
                normalised[i] = (pixels[i] - m) / s;
            }
        }
        return new PreprocessedImage(new FloatArray(normalised, new long[] {3, size.height(), size.width()}), display);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Preprocessor p && resize.equals(p.resize) && centerCrop.equals(p.centerCrop)
                && Arrays.equals(mean, p.mean) && Arrays.equals(std, p.std);
    }

    @Override
    public int hashCode() {
        return Objects.hash(resize, centerCrop, Arrays.hashCode(mean), Arrays.hashCode(std));
    }

    @Override
    public String toString() {
        return "Preprocessor[resize=" + resize + ", centerCrop=" + centerCrop.map(ImageSize::toString).orElse("none")
                + ", mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "]";
    }
}

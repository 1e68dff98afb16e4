package dev.loupe.cli.localisation;

import dev.loupe.core.stability.Internal;
import dev.loupe.render.image.ImageLoader;
import dev.loupe.render.image.ImageReadException;
import dev.loupe.render.image.Preprocessor;
import dev.loupe.render.image.RgbImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Images with a known object: a folder with {@code labels.csv} (file,class_index,label), the
 * images in {@code images/} and a same-named binary mask per image in {@code masks/} (white on
 * the object). fixtures/shapes-heldout is one.
 */
@Internal
public record HeldOutSet(Path folder, List<Item> items) {

    /** One image, its true class, and its mask (row-major, true on the object). */
    public record Item(String file, int classIndex, RgbImage image, boolean[] mask) {
    }

    public static HeldOutSet read(Path folder) {
        ImageLoader loader = new ImageLoader();
        List<Item> items = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(folder.resolve("labels.csv"));
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",");
                RgbImage image = loader.load(folder.resolve("images").resolve(cells[0]));
                RgbImage mask = loader.load(folder.resolve("masks").resolve(cells[0]));
                if (mask.width() != image.width() || mask.height() != image.height()) {
                    throw new IllegalArgumentException("mask " + cells[0] + " is not the image's size");
                }
                boolean[] on = new boolean[image.width() * image.height()];
                for (int i = 0; i < on.length; i++) {
                    on[i] = mask.chw()[i] > 0.5f;
                }
                items.add(new Item(cells[0], Integer.parseInt(cells[1].strip()), image, on));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the held-out set in " + folder, e);
        } catch (ImageReadException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return new HeldOutSet(folder, List.copyOf(items));
    }

    /** The share of pixels on the object, averaged over images: a random map's expected energy share. */
    public double meanObjectShare() {
        double sum = 0;
        for (Item item : items) {
            int on = 0;
            for (boolean b : item.mask()) {
                on += b ? 1 : 0;
            }
            sum += (double) on / item.mask().length;
        }
        return sum / items.size();
    }

    public static Preprocessor preprocessor(float[] mean, float[] std) {
        return new Preprocessor(dev.loupe.render.image.Resize.none(), java.util.Optional.empty(), mean, std);
    }
}

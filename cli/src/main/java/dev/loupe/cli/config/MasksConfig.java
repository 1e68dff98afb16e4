package dev.loupe.cli.config;

import dev.loupe.core.stability.Internal;
import java.nio.file.Path;
import java.util.Map;

/**
 * The {@code masks:} section of an evaluation config: ground-truth object masks for the
 * localisation metrics. Either a folder holding one mask per image under the image's file name
 * ({@code folder}), or masks named per image ({@code files}: image file name to mask file), or
 * both (an entry in {@code files} wins). A mask is an image, white (above 0.5 after reading) on
 * the object; it goes through the same resize and crop as its image. Relative paths are resolved
 * against the config file's folder. An image without a mask is not scored by those metrics.
 */
@Internal
public record MasksConfig(@Nullable Path folder, @Default("{}") Map<String, Path> files) implements Validatable {

    @Override
    public void validate(Validation validation) {
        if (folder == null && files.isEmpty()) {
            validation.error("", "give a mask folder ('folder:') or per-image masks ('files:'), or leave out 'masks:'");
        }
    }
}

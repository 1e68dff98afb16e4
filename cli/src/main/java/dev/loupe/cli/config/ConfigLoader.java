package dev.loupe.cli.config;

import dev.loupe.core.stability.Internal;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a YAML config file into immutable records, strictly, reporting every problem at once.
 *
 * <p>Steps: the text is parsed into a tree that keeps each value's line and column (Jackson's
 * streaming YAML parser); the tree is bound to the record type by a small generic binder over
 * record components; records implementing {@link Validatable} then check their own rules.
 * Supported field types: records (nested sections), {@code String}, {@code int}/{@code long},
 * {@code double}/{@code float} (and boxes), {@code boolean}, enums, {@code java.nio.file.Path},
 * {@code List<T>}, {@code Map<String, T>}, {@code Object} (the YAML value as it is), and value
 * types with a static {@code parse(String)} or {@code parse(Object)} ({@link TargetSpec}, core's {@code Device},
 * {@link Size}). A field is required unless it carries {@link Default} or {@link Nullable};
 * {@link Range} and {@link Length} constrain values. All problems (syntax, duplicate keys, unknown keys with a "did you
 * mean", wrong types, bad enum values, missing fields, values out of range, rule violations) are
 * collected and thrown together as one {@link ConfigException}, each located at the offending
 * node: {@code run.yaml:7:11: preprocess.std[2]: value out of range: must be > 0, got 0}.
 *
 * <p>YAML keys are the record components' names in kebab case ({@code overlayAlpha} is
 * {@code overlay-alpha}); enum values are lower kebab case. Relative paths in the file are
 * resolved against the folder of the config file, not the current directory. Integers in
 * free-form maps ({@code methods[].params}) are Long.
 */
@Internal
public final class ConfigLoader {

    private ConfigLoader() {
    }

    /**
     * The run described by {@code yamlFile}.
     *
     * @throws ConfigException with every problem found, when the file cannot be read or is not a
     *                         valid config
     */
    public static RunConfig load(Path yamlFile) throws ConfigException {
        return load(yamlFile, RunConfig.class);
    }

    /** As {@link #load(Path)}, for another root record ({@link EvalConfig} for {@code loupe evaluate}). */
    public static <T> T load(Path yamlFile, Class<T> type) throws ConfigException {
        String text;
        try {
            text = Files.readString(yamlFile);
        } catch (NoSuchFileException e) {
            throw single(yamlFile, "config file not found");
        } catch (MalformedInputException e) {
            throw single(yamlFile, "config file is not UTF-8 text");
        } catch (IOException e) {
            throw single(yamlFile, "cannot read the config file: " + e);
        }
        return bind(yamlFile, text, type);
    }

    /**
     * Binds YAML text to {@code type} (a record, usually). {@code file} names the text in error
     * messages and anchors relative paths: they are resolved against its folder. The file itself
     * is not read.
     *
     * @throws ConfigException with every problem found
     */
    public static <T> T bind(Path file, String text, Class<T> type) throws ConfigException {
        List<ConfigError> errors = new ArrayList<>();
        YamlNode root = YamlTreeReader.read(file, text, errors);
        T value = null;
        if (root != null) {
            value = new ConfigBinder(file, folderOf(file), errors).bindRoot(root, type);
        }
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        if (value == null) {
            throw new IllegalStateException("binding " + file + " failed without an error");
        }
        return value;
    }

    /** The folder relative paths in {@code file} are resolved against: absolute, normalized. */
    public static Path folderOf(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path parent = absolute.getParent();
        return parent != null ? parent : absolute.getRoot();
    }

    private static ConfigException single(Path file, String message) {
        return new ConfigException(List.of(new ConfigError(file, 0, 0, "", message)));
    }
}

package dev.loupe.backend.tensorflow;

import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import dev.loupe.core.text.Suggestions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SignatureDef;

/**
 * A SavedModel folder read as protobuf, without loading TensorFlow's native library: the meta
 * graph for a tag set and one of its signatures. Reading it first lets bad paths, tags and
 * signatures be refused with the choices listed.
 */
final class SavedModelDir {

    static final String PROTO = "saved_model.pb";

    /** The signature TensorFlow marks its initialiser with; not a model signature. */
    static final String INIT_SIGNATURE = "__saved_model_init_op";

    private final Path folder;
    private final SavedModel proto;

    private SavedModelDir(Path folder, SavedModel proto) {
        this.folder = folder;
        this.proto = proto;
    }

    /** The folder holding {@value #PROTO}; the .pb file itself is accepted too. */
    static Path folderOf(Path path) {
        return Files.isRegularFile(path) && path.getFileName().toString().equals(PROTO) ? path.toAbsolutePath().getParent() : path;
    }

    /** Why {@code path} is not a SavedModel, or null when it looks like one. */
    static String diagnose(Path path) {
        Path folder = folderOf(path);
        if (!Files.isDirectory(folder)) {
            return "a TensorFlow SavedModel is a folder holding " + PROTO + " (and usually variables/), and "
                    + path + " is a file";
        }
        if (!Files.isRegularFile(folder.resolve(PROTO))) {
            return "the folder has no " + PROTO + ", so it is not a TensorFlow SavedModel (a frozen .pb graph or a"
                    + " Keras .h5/.keras file must first be saved with tf.saved_model.save)";
        }
        return null;
    }

    static SavedModelDir read(Path path) {
        Path folder = folderOf(path);
        String problem = diagnose(path);
        if (problem != null) {
            throw new LoupeException(ErrorKind.INPUT, "Cannot open model " + path + ": " + problem + ".");
        }
        try (InputStream in = Files.newInputStream(folder.resolve(PROTO))) {
            return new SavedModelDir(folder, SavedModel.parseFrom(in));
        } catch (IOException e) {
            throw new LoupeException(ErrorKind.INPUT, "Cannot open model " + path + ": " + folder.resolve(PROTO)
                    + " is not a readable SavedModel protobuf (" + e.getMessage() + ").", e);
        }
    }

    Path folder() {
        return folder;
    }

    /** The checkpoint prefix TensorFlow's restore op reads, or null for a model without variables. */
    Path variablesPrefix() {
        Path index = folder.resolve("variables").resolve("variables.index");
        return Files.isRegularFile(index) ? folder.resolve("variables").resolve("variables") : null;
    }

    /** The meta graph whose tag set is exactly {@code tags}; fails listing the tag sets there are. */
    MetaGraphDef metaGraph(List<String> tags) {
        Set<String> wanted = new HashSet<>(tags);
        List<String> available = new ArrayList<>();
        for (MetaGraphDef meta : proto.getMetaGraphsList()) {
            List<String> its = meta.getMetaInfoDef().getTagsList();
            if (new HashSet<>(its).equals(wanted)) {
                return meta;
            }
            available.add(String.join(",", its));
        }
        throw new LoupeException(ErrorKind.INPUT, "The SavedModel " + folder + " has no meta graph tagged "
                + String.join(",", tags) + ". Tag sets it has: " + String.join("; ", available)
                + ". Choose one with the model option tags (e.g. --model-option tags=" + (available.isEmpty() ? "serve" : available.get(0)) + ").");
    }

    /** The signature called {@code key}; fails listing the signatures there are. */
    static SignatureDef signature(MetaGraphDef meta, String key, Path folder) {
        SignatureDef found = meta.getSignatureDefMap().get(key);
        if (found != null && !INIT_SIGNATURE.equals(key)) {
            return found;
        }
        List<String> keys = meta.getSignatureDefMap().keySet().stream().filter(k -> !INIT_SIGNATURE.equals(k)).sorted().toList();
        throw new LoupeException(ErrorKind.INPUT, "The SavedModel " + folder + " has no signature '" + key + "'."
                + Suggestions.didYouMean(key, keys) + " Signatures it has: " + (keys.isEmpty() ? "none" : String.join(", ", keys))
                + ". Choose one with the model option signature (e.g. --model-option signature=" + (keys.isEmpty() ? "serving_default" : keys.get(0)) + ").");
    }
}

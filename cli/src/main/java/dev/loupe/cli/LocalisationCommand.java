package dev.loupe.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.loupe.cli.localisation.HeldOutSet;
import dev.loupe.cli.localisation.LocalisationRun;
import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import dev.loupe.core.model.Device;
import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.registry.ExplainerRegistry;
import dev.loupe.render.image.Preprocessor;
import dev.loupe.render.io.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code loupe localisation}: how often each method points at the object, on images whose
 * object masks are known. Prints a table and writes OUT/localisation.json.
 */
@Command(name = "localisation", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Score each method on a held-out set with object masks (labels.csv, images/, masks/; e.g."
                + " fixtures/shapes-heldout): explain every image for its true class, then report the pointing-game"
                + " hit rate (the map's maximum lies on the object) and the mean share of the map's positive mass on"
                + " the object. Three-channel input maps are reduced with abs-max, one-channel maps keep their sign,"
                + " layer maps are upsampled bilinearly.",
                "Prints a table and writes OUT/localisation.json."})
final class LocalisationCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "PATH", description = "The model: a TorchScript file (.pt) or a TensorFlow SavedModel folder.")
    private Path model;

    @Option(names = "--heldout", required = true, paramLabel = "DIR", description = "Folder with labels.csv, images/ and masks/.")
    private Path heldout;

    @Option(names = "--method", split = ",", paramLabel = "NAME", description = "Methods to score (default: every registered one).")
    private List<String> methods = new ArrayList<>();

    @Option(names = "--param", paramLabel = "K=V", description = "A method parameter, as for 'loupe explain'.")
    private Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--mean", split = ",", paramLabel = "R,G,B", description = "Normalisation mean (default ImageNet's).")
    private float[] mean = {0.485f, 0.456f, 0.406f};

    @Option(names = "--std", split = ",", paramLabel = "R,G,B", description = "Normalisation std (default ImageNet's).")
    private float[] std = {0.229f, 0.224f, 0.225f};

    @Mixin
    private ModelOptionFlags modelOptions;

    @Option(names = "--out", paramLabel = "DIR", description = "Where localisation.json goes (default: out/localisation).")
    private Path out = Path.of("out", "localisation");

    @Override
    public Integer call() {
        PrintWriter printer = spec.commandLine().getOut();
        ExplainerRegistry registry = ExplainerRegistry.load();
        List<String> chosen = methods.isEmpty() ? registry.all().stream().map(p -> p.name()).toList() : methods;
        List<MethodRequest> requests = new ArrayList<>();
        for (String name : chosen) {
            registry.get(name);
            requests.add(new MethodRequest(name, Map.of()));
        }
        Map<String, Map<String, Object>> parameters = new LinkedHashMap<>();
        for (MethodRequest r : ParamOverrides.apply(requests, null, params)) {
            parameters.put(r.name(), r.params());
        }
        HeldOutSet set;
        try {
            set = HeldOutSet.read(heldout);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new LoupeException(ErrorKind.INPUT, e.getMessage() + " (expected labels.csv, images/ and masks/ in "
                    + heldout + ")", e);
        }
        if (set.items().isEmpty()) {
            throw new LoupeException(ErrorKind.INPUT, "No images listed in " + heldout.resolve("labels.csv") + ".");
        }
        HeldOutSet.Item first = set.items().get(0);
        Preprocessor preprocessor = HeldOutSet.preprocessor(mean, std);
        List<LocalisationRun.Row> rows;
        try (ExplainableModel opened = ModelOpener.open(model, "auto", Device.CPU, modelOptions.values(),
                new long[] {3, first.image().height(), first.image().width()})) {
            rows = LocalisationRun.run(opened, set, preprocessor, chosen, parameters);
        }
        printer.printf("%d images from %s; mean object share %.1f %% (a map spread evenly scores this energy share)%n",
                set.items().size(), heldout, 100 * set.meanObjectShare());
        printer.printf("| method | pointing game | energy on the object |%n|---|---|---|%n");
        for (LocalisationRun.Row row : rows) {
            if (row.skipped() != null) {
                printer.printf("| `%s` | skipped: %s | |%n", row.method(), row.skipped().replace('\n', ' '));
            } else {
                printer.printf("| `%s` | %d/%d (%.0f %%) | %.1f %% |%n", row.method(), row.hits(), row.images(),
                        100 * row.hitRate(), 100 * row.meanEnergyInside());
            }
        }
        write(set, rows, parameters);
        return rows.stream().allMatch(r -> r.skipped() == null) ? ExitCodes.OK : ExitCodes.PARTIAL;
    }

    private void write(HeldOutSet set, List<LocalisationRun.Row> rows, Map<String, Map<String, Object>> parameters) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model", model.toString());
        json.put("heldout", heldout.toString());
        json.put("images", set.items().size());
        json.put("mean_object_share", set.meanObjectShare());
        List<Map<String, Object>> results = new ArrayList<>();
        for (LocalisationRun.Row row : rows) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("method", row.method());
            r.put("parameters", parameters.get(row.method()));
            r.put("hits", row.hits());
            r.put("pointing_game", row.hitRate());
            r.put("energy_inside", row.meanEnergyInside());
            r.put("skipped", row.skipped());
            results.add(r);
        }
        json.put("methods", results);
        try {
            String text = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json);
            AtomicFiles.writeString(out.resolve("localisation.json"), text + "\n");
        } catch (IOException e) {
            throw new LoupeException(ErrorKind.INPUT, "Cannot write " + out.resolve("localisation.json") + ": " + e.getMessage(), e);
        }
    }
}

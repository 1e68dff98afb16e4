package dev.loupe.backend.tensorflow;

import dev.loupe.core.spi.SpiVersion;
import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.model.ModelSpec;
import dev.loupe.core.spi.BackendProvider;
import dev.loupe.core.stability.Stable;
import java.nio.file.Path;
import java.util.Set;

/** The TensorFlow Java backend, for SavedModels. Constructing it loads nothing native. */
@Stable
public final class TfBackendProvider implements BackendProvider {

    @Override
    public String name() {
        return "tensorflow";
    }

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public boolean recognizes(Path model) {
        return SavedModelDir.diagnose(model) == null;
    }

    @Override
    public String accepts() {
        return "TensorFlow SavedModel folders (saved_model.pb, variables/), graph-mode or Keras-style";
    }

    @Override
    public Set<String> optionNames() {
        return ModelOptions.NAMES;
    }

    @Override
    public ExplainableModel open(ModelSpec spec) {
        return SavedModelModel.open(spec);
    }
}

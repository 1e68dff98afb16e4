package dev.loupe.backend.djl.torchscript;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** All classes of an archive's code/ folder, by qualified name. */
final class ScriptProgram {

    private final TorchScriptArchive archive;
    private final Map<String, ScriptClass> classes = new LinkedHashMap<>();

    ScriptProgram(TorchScriptArchive archive) {
        this.archive = archive;
        archive.sources().forEach((qualifier, source) -> {
            for (ScriptClass c : ScriptSourceParser.parse(qualifier, source)) {
                classes.put(c.qualifiedName(), c);
            }
        });
    }

    TorchScriptArchive archive() {
        return archive;
    }

    Optional<ScriptClass> find(String qualifiedName) {
        return Optional.ofNullable(classes.get(qualifiedName));
    }

    /** The class of a module-typed attribute, or empty when the type is not a module class of this archive. */
    Optional<ScriptClass> moduleClass(String type) {
        return find(type).filter(ScriptClass::isModule);
    }

    ScriptClass rootClass() {
        return find(archive.rootClassName()).filter(ScriptClass::isModule).orElseThrow(() -> new TorchScriptFormatException(
                "data.pkl names the root module class " + archive.rootClassName() + " but code/ of "
                        + archive.file() + " has no such module class; the archive is incomplete or was edited"));
    }
}

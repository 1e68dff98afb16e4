package dev.loupe.backend.djl.torchscript;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A class from an archive's code/ folder. {@code qualifier} is the module it was printed in
 * ({@code __torch__.torch.nn.modules.conv.___torch_mangle_3}), so the qualified name is
 * {@code qualifier + "." + simpleName}; {@code endLine} is the physical line after the class in that file.
 */
record ScriptClass(String qualifier, String simpleName, String base, List<ScriptAttribute> attributes,
        Map<String, ScriptMethod> methods, int memberIndent, int endLine) {

    ScriptClass {
        attributes = List.copyOf(attributes);
        methods = Map.copyOf(methods);
    }

    String qualifiedName() {
        return qualifier + "." + simpleName;
    }

    boolean isModule() {
        return base.equals("Module");
    }

    Optional<ScriptAttribute> attribute(String name) {
        return attributes.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    Optional<ScriptMethod> method(String name) {
        return Optional.ofNullable(methods.get(name));
    }
}

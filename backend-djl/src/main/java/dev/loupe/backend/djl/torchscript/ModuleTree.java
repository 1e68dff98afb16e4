package dev.loupe.backend.djl.torchscript;

import dev.loupe.core.stability.Internal;
import dev.loupe.core.text.Suggestions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The module instances of a TorchScript archive, read from the class annotations in code/: a
 * module-typed attribute ({@code conv1 : __torch__...Conv2d}, {@code __annotations__["0"] = ...})
 * is a submodule. The order is named_modules() order (attribute declaration order, depth first).
 * A module instance registered under two names is listed under both (named_modules() lists it once):
 * the archive's source does not say whether two attributes hold the same object.
 */
@Internal
public final class ModuleTree {

    private final ScriptProgram program;
    private final ModuleNode root;
    private final Map<String, ModuleNode> byPath = new LinkedHashMap<>();
    private final Map<String, ScriptClass> classByPath = new LinkedHashMap<>();

    private ModuleTree(ScriptProgram program) {
        this.program = program;
        this.root = build("", program.rootClass());
    }

    /** Reads the module tree of an opened archive. */
    public static ModuleTree of(TorchScriptArchive archive) {
        return new ModuleTree(new ScriptProgram(archive));
    }

    static ModuleTree of(ScriptProgram program) {
        return new ModuleTree(program);
    }

    public ModuleNode root() {
        return root;
    }

    /** Every module except the root, in named_modules() order. */
    public List<ModuleNode> modules() {
        List<ModuleNode> all = new ArrayList<>(byPath.values());
        all.remove(0);
        return Collections.unmodifiableList(all);
    }

    /** The paths of {@link #modules()}. */
    public List<String> paths() {
        return modules().stream().map(ModuleNode::path).toList();
    }

    public Optional<ModuleNode> find(String path) {
        return Optional.ofNullable(byPath.get(path));
    }

    /**
     * The module at {@code path}.
     *
     * @throws UnknownModulePathException naming the closest existing paths
     */
    public ModuleNode require(String path) {
        ModuleNode node = byPath.get(path);
        if (byPath.size() == 1) {
            throw new UnknownModulePathException(path, List.of(), " This model has no submodules at all: its forward "
                    + "was inlined, as torch.jit.freeze and torch.jit.optimize_for_inference do. Export the model "
                    + "without freezing (torch.jit.trace or torch.jit.script, then save).");
        }
        if (node == null || path.isEmpty()) {
            throw new UnknownModulePathException(path, Suggestions.closest(path, paths(), 3));
        }
        return node;
    }

    ScriptProgram program() {
        return program;
    }

    ScriptClass classOf(ModuleNode node) {
        return classByPath.get(node.path());
    }

    private ModuleNode build(String path, ScriptClass cls) {
        // reserve the slot first so the map lists a parent before its children
        byPath.put(path, null);
        classByPath.put(path, cls);
        List<ModuleNode> children = new ArrayList<>();
        for (ScriptAttribute attribute : cls.attributes()) {
            Optional<ScriptClass> child = program.moduleClass(attribute.type());
            if (child.isPresent()) {
                children.add(build(path.isEmpty() ? attribute.name() : path + "." + attribute.name(), child.get()));
            }
        }
        ModuleNode node = new ModuleNode(path, cls.qualifiedName(), cls.simpleName(), children);
        byPath.put(path, node);
        return node;
    }
}

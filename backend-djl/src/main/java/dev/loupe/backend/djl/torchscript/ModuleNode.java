package dev.loupe.backend.djl.torchscript;

import dev.loupe.core.stability.Internal;
import java.util.List;

/**
 * One module instance of a TorchScript model.
 *
 * @param path as PyTorch's named_modules() prints it ({@code layer4.1.conv2}); the root is {@code ""}
 * @param className qualified TorchScript class ({@code __torch__.torch.nn.modules.conv.___torch_mangle_3.Conv2d})
 * @param typeName the Python class name without mangling ({@code Conv2d})
 * @param children direct submodules in declaration order
 */
@Internal
public record ModuleNode(String path, String className, String typeName, List<ModuleNode> children) {

    public ModuleNode {
        children = List.copyOf(children);
    }

    /** The attribute name under the parent ({@code conv2} for {@code layer4.1.conv2}); {@code ""} for the root. */
    public String name() {
        return path.substring(path.lastIndexOf('.') + 1);
    }
}

/**
 * Layer taps, ReLU cuts and layer scaling for TorchScript files as users have them, from Java alone.
 *
 * <p>DJL cannot hook the submodules of a TorchScript model. A TorchScript file is a zip whose
 * {@code code/} folder holds the source torch.jit.load compiles, so this package edits that
 * source: {@link dev.loupe.backend.djl.torchscript.TorchScriptArchive} reads and writes the zip,
 * {@link dev.loupe.backend.djl.torchscript.ModuleTree} lists the modules as named_modules() does,
 * and {@link dev.loupe.backend.djl.torchscript.TapRewriter} adds a root method that returns the
 * model output followed by a gradient-carrying leaf for every call of each requested module
 * ({@link dev.loupe.backend.djl.torchscript.TappedModel} says which leaf is which).
 * {@link dev.loupe.backend.djl.torchscript.ReluCutRewriter} (a cut at every ReLU) and
 * {@link dev.loupe.backend.djl.torchscript.ScaleRewriter} (one module's output times a factor)
 * add root methods the same way; all three copy the methods on the path to the edited calls
 * with {@code MethodCopier}.
 *
 * <p>Only the printed form of torch.jit.save is understood (checked with torch 1.13 archives,
 * loaded by libtorch 2.7.1 through DJL 0.35.1): classes at column 0, members indented once,
 * submodule calls written {@code (m).forward(...)}.
 */
package dev.loupe.backend.djl.torchscript;

package dev.loupe.backend.djl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Tells TorchScript archives from other files without loading libtorch, and says what a
 * rejected file is, because the usual mistake is a state_dict saved with torch.save.
 */
final class TorchScriptSniffer {

    private TorchScriptSniffer() {
    }

    static boolean looksLikeTorchScript(Path file) {
        return diagnose(file) == null;
    }

    /** {@code null} for a TorchScript archive, else why the file is not one. */
    static String diagnose(Path file) {
        if (Files.isDirectory(file)) {
            return "it is a folder, and a TorchScript model is one file written by torch.jit.save";
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            boolean code = false;
            boolean data = false;
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements();) {
                String name = e.nextElement().getName();
                code |= name.contains("/code/") || name.startsWith("code/");
                data |= name.endsWith("/data.pkl") || name.equals("data.pkl");
            }
            if (code && data) {
                return null;
            }
            if (data) {
                return "it is a PyTorch pickle archive without TorchScript code, as torch.save writes for a"
                        + " state_dict or a whole nn.Module. Export the model with torch.jit.trace(model, example)"
                        + " or torch.jit.script(model) and save that with .save(path)";
            }
            return "it is a zip file but has no TorchScript code/ folder or data.pkl";
        } catch (ZipException e) {
            return "it is not a zip archive (TorchScript files are zip archives written by torch.jit.save)";
        } catch (IOException e) {
            return "it cannot be read: " + e.getMessage();
        }
    }
}

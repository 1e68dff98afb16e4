package dev.loupe.backend.djl.torchscript;

import dev.loupe.core.stability.Internal;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * A TorchScript file as torch.jit.save writes it: a zip whose entries all sit under one folder
 * (the prefix), with {@code <prefix>/data.pkl} (the pickled root module) and
 * {@code <prefix>/code/__torch__/...py} (the source torch.jit.load compiles). The source files and
 * the root class name are read into memory; tensor data stays in the file and is streamed when a
 * modified copy is written.
 */
@Internal
public final class TorchScriptArchive {

    private static final String STATE_DICT_HINT = "if this is a state_dict saved with torch.save, "
            + "export the model with torch.jit.trace or torch.jit.script and save that";

    private final Path file;
    private final String prefix;
    private final String rootClassName;
    private final Map<String, String> sources;

    private TorchScriptArchive(Path file, String prefix, String rootClassName, Map<String, String> sources) {
        this.file = file;
        this.prefix = prefix;
        this.rootClassName = rootClassName;
        this.sources = Collections.unmodifiableMap(sources);
    }

    /**
     * Reads the archive's code and root class.
     *
     * @throws TorchScriptFormatException if the file is not a TorchScript archive
     * @throws UncheckedIOException if the file cannot be read
     */
    public static TorchScriptArchive open(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            String prefix = prefixOf(zip, file);
            Map<String, String> sources = new LinkedHashMap<>();
            byte[] dataPkl = null;
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements();) {
                ZipEntry entry = e.nextElement();
                String qualifier = qualifierOf(prefix, entry.getName());
                if (qualifier != null) {
                    sources.put(qualifier, new String(read(zip, entry), StandardCharsets.UTF_8));
                } else if (entry.getName().equals(prefix + "/data.pkl")) {
                    dataPkl = read(zip, entry);
                }
            }
            if (dataPkl == null) {
                throw notTorchScript(file, "the zip has no " + prefix + "/data.pkl");
            }
            if (sources.isEmpty()) {
                throw notTorchScript(file, "the zip has data.pkl but no code/ folder with TorchScript source"
                        + " (torch.save writes such files)");
            }
            return new TorchScriptArchive(file, prefix, PickleRootClass.read(dataPkl), sources);
        } catch (ZipException e) {
            throw notTorchScript(file, "it is not a zip file (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read TorchScript file " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    /** The folder all entries sit in, e.g. {@code resnet18_traced}. */
    public String prefix() {
        return prefix;
    }

    /** Qualified class name of the root module, e.g. {@code __torch__.torchvision.models.resnet.ResNet}. */
    public String rootClassName() {
        return rootClassName;
    }

    /**
     * The TorchScript source files by module qualifier, in archive order: the entry
     * {@code code/__torch__/torchvision/models/resnet.py} is {@code __torch__.torchvision.models.resnet},
     * {@code code/__torch__.py} is {@code __torch__}.
     */
    public Map<String, String> sources() {
        return sources;
    }

    /**
     * Writes a copy of this archive to {@code target} in which the given sources (by module qualifier)
     * replace or add code files. Entries are stored uncompressed; {@code .debug_pkl} entries are dropped
     * because they map source ranges of the original code. Missing parent folders are created; the file
     * is written next to the target and moved into place, so a failed write leaves no half-written archive.
     */
    public void writeWithSources(Path target, Map<String, String> changedSources) {
        Path absoluteTarget = target.toAbsolutePath();
        if (absoluteTarget.equals(file.toAbsolutePath())) {
            throw new IllegalArgumentException("cannot write a modified archive over its source " + file
                    + "; choose another target path");
        }
        Path temp = absoluteTarget.resolveSibling(absoluteTarget.getFileName() + ".part");
        try {
            Files.createDirectories(absoluteTarget.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folder for " + target + ": " + e.getMessage(), e);
        }
        try (ZipFile zip = new ZipFile(file.toFile());
                OutputStream fileOut = Files.newOutputStream(temp);
                ZipOutputStream out = new ZipOutputStream(new java.io.BufferedOutputStream(fileOut, 1 << 16))) {
            Map<String, String> pending = new LinkedHashMap<>(changedSources);
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements();) {
                ZipEntry entry = e.nextElement();
                if (entry.getName().endsWith(".debug_pkl")) {
                    continue;
                }
                String qualifier = qualifierOf(prefix, entry.getName());
                if (qualifier != null && pending.containsKey(qualifier)) {
                    writeStored(out, entry.getName(), pending.remove(qualifier).getBytes(StandardCharsets.UTF_8));
                } else {
                    copyStored(zip, entry, out);
                }
            }
            for (Map.Entry<String, String> added : pending.entrySet()) {
                writeStored(out, entryNameOf(added.getKey()), added.getValue().getBytes(StandardCharsets.UTF_8));
            }
            out.finish();
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new UncheckedIOException("cannot write TorchScript file " + target + ": " + e.getMessage(), e);
        }
        try {
            Files.move(temp, absoluteTarget, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new UncheckedIOException("cannot move the written archive to " + target + ": " + e.getMessage(), e);
        }
    }

    /** The zip entry name of a code file, e.g. {@code resnet/code/__torch__/a/b.py} for {@code __torch__.a.b}. */
    String entryNameOf(String qualifier) {
        return prefix + "/code/" + qualifier.replace('.', '/') + ".py";
    }

    private static String qualifierOf(String prefix, String entryName) {
        String codeFolder = prefix + "/code/";
        if (!entryName.startsWith(codeFolder) || !entryName.endsWith(".py")) {
            return null;
        }
        return entryName.substring(codeFolder.length(), entryName.length() - 3).replace('/', '.');
    }

    /** torch's reader takes the folder of the first entry as the archive's name; so do we. */
    private static String prefixOf(ZipFile zip, Path file) {
        Enumeration<? extends ZipEntry> entries = zip.entries();
        if (!entries.hasMoreElements()) {
            throw notTorchScript(file, "the zip is empty");
        }
        String first = entries.nextElement().getName();
        int slash = first.indexOf('/');
        if (slash <= 0) {
            throw notTorchScript(file, "its first entry '" + first + "' is not inside a folder");
        }
        return first.substring(0, slash);
    }

    private static byte[] read(ZipFile zip, ZipEntry entry) throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            return in.readAllBytes();
        }
    }

    private static void writeStored(ZipOutputStream out, String name, byte[] bytes) throws IOException {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        out.putNextEntry(storedEntry(name, bytes.length, crc.getValue()));
        out.write(bytes);
        out.closeEntry();
    }

    private static void copyStored(ZipFile zip, ZipEntry entry, ZipOutputStream out) throws IOException {
        out.putNextEntry(storedEntry(entry.getName(), entry.getSize(), entry.getCrc()));
        try (InputStream in = zip.getInputStream(entry)) {
            in.transferTo(out);
        }
        out.closeEntry();
    }

    private static ZipEntry storedEntry(String name, long size, long crc) {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(size);
        entry.setCompressedSize(size);
        entry.setCrc(crc);
        entry.setTime(315532800000L); // 1980-01-01, like torch.jit.save: byte-identical output for identical input
        return entry;
    }

    private static TorchScriptFormatException notTorchScript(Path file, String why) {
        return new TorchScriptFormatException("not a TorchScript archive: " + file + ": " + why + "; " + STATE_DICT_HINT);
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // the original error is the one worth reporting
        }
    }
}

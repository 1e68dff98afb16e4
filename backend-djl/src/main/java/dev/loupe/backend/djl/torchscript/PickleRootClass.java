package dev.loupe.backend.djl.torchscript;

import java.nio.charset.StandardCharsets;

/**
 * Reads the root module's class name from a TorchScript archive's data.pkl. torch.jit.save pickles
 * the module object with protocol 2, so the stream starts with PROTO 2 and a GLOBAL opcode
 * ({@code c<module>\n<name>\n}) naming the root class; nothing else of the pickle is needed.
 */
final class PickleRootClass {

    private static final int PROTO = 0x80;
    private static final int GLOBAL = 'c';

    private PickleRootClass() {
    }

    /** The qualified class name, e.g. {@code __torch__.torchvision.models.resnet.ResNet}. */
    static String read(byte[] pickle) {
        int i = 0;
        if (pickle.length >= 2 && (pickle[0] & 0xff) == PROTO) {
            i = 2;
        }
        if (i >= pickle.length || (pickle[i] & 0xff) != GLOBAL) {
            throw new TorchScriptFormatException("data.pkl does not start with the GLOBAL opcode that torch.jit.save "
                    + "writes for the root module (found byte 0x" + (i < pickle.length ? Integer.toHexString(pickle[i] & 0xff) : "<end>")
                    + "); the archive was not written by torch.jit.save");
        }
        int moduleEnd = indexOf(pickle, (byte) '\n', i + 1);
        int nameEnd = moduleEnd < 0 ? -1 : indexOf(pickle, (byte) '\n', moduleEnd + 1);
        if (nameEnd < 0) {
            throw new TorchScriptFormatException("data.pkl is truncated inside its first GLOBAL opcode");
        }
        String module = new String(pickle, i + 1, moduleEnd - i - 1, StandardCharsets.UTF_8);
        String name = new String(pickle, moduleEnd + 1, nameEnd - moduleEnd - 1, StandardCharsets.UTF_8);
        return module + "." + name;
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}

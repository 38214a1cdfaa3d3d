package org.transferable.network;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Transferable's own version, read from a resource Maven fills in at build time. */
public final class LibraryVersion {
    private static final String VERSION = read();

    private LibraryVersion() {
    }

    /** @return e.g. {@code transferable 0.1.0-SNAPSHOT} */
    public static String get() {
        return VERSION;
    }

    private static String read() {
        try (InputStream in = LibraryVersion.class.getResourceAsStream("/org/transferable/version.properties")) {
            if (in == null) {
                return "transferable (unknown version)";
            }
            Properties p = new Properties();
            p.load(in);
            return "transferable " + p.getProperty("version", "(unknown version)");
        } catch (IOException e) {
            return "transferable (unknown version)";
        }
    }
}

package dev.bulwark.cli.render;

import java.util.Arrays;

/** One file of a rendered tree: its bytes and whether it is executable (the launcher, CI and bench scripts are). */
public record SourceFile(byte[] content, boolean executable) {

    /** Git's own test: a NUL byte in the first 8000 bytes means binary, which is copied as it is. */
    public boolean binary() {
        for (int i = 0; i < Math.min(content.length, 8000); i++) {
            if (content[i] == 0) {
                return true;
            }
        }
        return false;
    }

    public boolean sameContent(byte[] other) {
        return Arrays.equals(content, other);
    }
}

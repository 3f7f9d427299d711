package dev.bulwark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Generated blocks inside the docs ({@code <!-- name:begin -->} ... {@code <!-- name:end -->}) that tests keep true to
 * the code. After an intended change, rerun the tests with {@code -Dbulwark.docs.update=true} to rewrite them.
 */
public final class DocBlocks {

    private DocBlocks() {}

    public static void assertCurrent(Path file, String name, String generated) throws IOException {
        String docs = Files.readString(file);
        String begin = "<!-- " + name + ":begin -->\n";
        String end = "<!-- " + name + ":end -->";
        assertThat(docs).as(file + " has a " + name + " block").contains(begin).contains(end);
        if (Boolean.getBoolean("bulwark.docs.update")) {
            docs = docs.substring(0, docs.indexOf(begin) + begin.length())
                    + generated
                    + docs.substring(docs.indexOf(end));
            Files.writeString(file, docs);
        }
        assertThat(docs)
                .as(file + " block " + name + " is out of date; rerun with -Dbulwark.docs.update=true")
                .contains(begin + generated + end);
    }
}

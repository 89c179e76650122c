package dev.tempered.noise.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataRootTest {

  @TempDir Path dir;

  @Test
  void resolvesFilesUnderTheRoot() throws Exception {
    Path data = Files.createDirectories(dir.resolve("data/tinystories"));
    Path file = Files.writeString(data.resolve("val.txt"), "x");

    assertThat(new DataRoot(dir.resolve("data")).resolve("tinystories/val.txt")).isEqualTo(file);
  }

  @Test
  void rejectsPathsThatEscapeTheRoot() throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    Files.writeString(dir.resolve("secret.txt"), "x");
    Files.createSymbolicLink(data.resolve("link.txt"), dir.resolve("secret.txt"));
    DataRoot root = new DataRoot(data);

    assertThatThrownBy(() -> root.resolve("../secret.txt"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("escapes the data root");
    assertThatThrownBy(() -> root.resolve("link.txt"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("escapes the data root");
    assertThatThrownBy(() -> root.resolve(dir.resolve("secret.txt").toString()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be relative");
    assertThatThrownBy(() -> root.resolve("missing.txt"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a file");
  }
}

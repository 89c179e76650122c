package dev.tempered.model.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tempered.model.io.SafeTensors.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shard cutting as huggingface_hub cuts, shard size parsing as transformers parses, round trip. */
class ShardedSafeTensorsTest {

  @TempDir Path dir;

  @Test
  void cutsShardsLikeHuggingfaceHub() {
    // F32 sizes 40, 40, 120 and 20 bytes (220 in all), at most 100 a shard. huggingface_hub's
    // factory: a and b
    // fill 80; c (120 > 100) goes alone into a shard appended at once; d fits (80 + 20 = 100, not
    // over): shards [c], [a, b, d].
    Map<String, Tensor> tensors = tensors(10, 10, 30, 5);
    List<Map<String, Tensor>> shards = ShardedSafeTensors.split(tensors, 100);
    assertThat(shards).hasSize(2);
    assertThat(shards.get(0).keySet()).containsExactly("t2");
    assertThat(shards.get(1).keySet()).containsExactly("t0", "t1", "t3");
    // 21 floats more in d: 80 + 84 > 100 starts a new shard.
    shards = ShardedSafeTensors.split(tensors(10, 10, 30, 21), 100);
    assertThat(shards).extracting(Map::keySet).hasSize(3);
    assertThat(shards.get(2).keySet()).containsExactly("t3");
  }

  @Test
  void writesTransformersNamesAndReadsThemBack() throws IOException {
    Map<String, Tensor> tensors = tensors(10, 10, 30, 5);
    List<Path> files = ShardedSafeTensors.write(tensors, dir, 100);
    assertThat(files)
        .extracting(f -> f.getFileName().toString())
        .containsExactly("model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors");
    String index = Files.readString(dir.resolve(ShardedSafeTensors.INDEX));
    assertThat(index).contains("\"total_size\" : 220").contains("\"t2\" : \"model-00001-of-00002");
    Map<String, Tensor> back = ShardedSafeTensors.read(dir);
    assertThat(back.keySet()).containsExactlyInAnyOrderElementsOf(tensors.keySet());
    tensors.forEach((k, t) -> assertThat(back.get(k).values()).containsExactly(t.values()));
    // Everything fits: one model.safetensors and no index, as save_pretrained does.
    ShardedSafeTensors.write(tensors, dir, 1000);
    assertThat(ShardedSafeTensors.isSharded(dir)).isFalse();
    assertThat(SafeTensors.read(dir.resolve(ShardedSafeTensors.SINGLE))).hasSize(4);
  }

  @Test
  void readingNamesTheMissingShardAndTensor() throws IOException {
    ShardedSafeTensors.write(tensors(10, 10, 30, 5), dir, 100);
    Path index = dir.resolve(ShardedSafeTensors.INDEX);
    String json = Files.readString(index);
    Files.writeString(index, json.replace("\"t0\" : \"model-00002", "\"t0\" : \"model-00001"));
    assertThatThrownBy(() -> ShardedSafeTensors.read(dir))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("model-00001-of-00002.safetensors has no tensor t0");
    Files.writeString(index, json);
    Files.delete(dir.resolve("model-00002-of-00002.safetensors"));
    assertThatThrownBy(() -> ShardedSafeTensors.read(dir))
        .hasMessageContaining("names shard model-00002-of-00002.safetensors, which is missing");
    Files.writeString(index, json.replace("\"t0\" : \"model-00002", "\"t0\" : \"../x"));
    assertThatThrownBy(() -> ShardedSafeTensors.read(dir)).hasMessageContaining("outside");
  }

  @Test
  void parsesShardSizesLikeTransformers() {
    // transformers.utils.hub.convert_file_size_to_int.
    assertThat(ShardSize.parse("5GB")).isEqualTo(5_000_000_000L);
    assertThat(ShardSize.parse("2GiB")).isEqualTo(2L << 30);
    assertThat(ShardSize.parse("500MB")).isEqualTo(500_000_000L);
    assertThat(ShardSize.parse("3MiB")).isEqualTo(3L << 20);
    assertThat(ShardSize.parse("10KB")).isEqualTo(10_000L);
    assertThat(ShardSize.parse("10kib")).isEqualTo(10_240L);
    assertThat(ShardSize.parse("8Kb")).isEqualTo(1_000L);
    assertThat(ShardSize.parse("1234")).isEqualTo(1234L);
    assertThatThrownBy(() -> ShardSize.parse("1.5GB")).hasMessageContaining("'1.5GB'");
    assertThatThrownBy(() -> ShardSize.parse("0")).hasMessageContaining("'0'");
  }

  private static Map<String, Tensor> tensors(int... sizes) {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    for (int i = 0; i < sizes.length; i++) {
      float[] v = new float[sizes[i]];
      for (int j = 0; j < v.length; j++) {
        v[j] = i * 100 + j + 0.5f;
      }
      tensors.put("t" + i, new Tensor(new long[] {sizes[i]}, v));
    }
    return tensors;
  }
}

package dev.tempered.model.io;

import dev.tempered.model.io.SafeTensors.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Safetensors checkpoints split into shards as transformers' {@code save_pretrained} writes them:
 * {@code model-00001-of-0000N.safetensors} files and {@code model.safetensors.index.json}, whose
 * {@code weight_map} names the shard of each tensor. Shards are cut as huggingface_hub's {@code
 * split_state_dict_into_shards_factory} cuts them: tensors in order, a new shard when the next
 * tensor would take the current one over the maximum, and a tensor larger than the maximum alone in
 * a shard of its own.
 */
public final class ShardedSafeTensors {

  public static final String SINGLE = "model.safetensors";
  public static final String INDEX = "model.safetensors.index.json";

  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private ShardedSafeTensors() {}

  /** Whether {@code dir} holds a sharded checkpoint (an index file). */
  public static boolean isSharded(Path dir) {
    return Files.isRegularFile(dir.resolve(INDEX));
  }

  /**
   * Writes {@code tensors} into {@code dir}: one {@code model.safetensors} when they fit in {@code
   * maxShardBytes} (F32 bytes), else shards and an index. Files of an earlier export there (single
   * file, index, shards) are removed first, so a reader never mixes two exports.
   *
   * @return the files written, in order
   */
  public static List<Path> write(Map<String, Tensor> tensors, Path dir, long maxShardBytes)
      throws IOException {
    if (maxShardBytes <= 0) {
      throw new IllegalArgumentException("max shard size must be positive, got " + maxShardBytes);
    }
    Files.createDirectories(dir);
    removeEarlierExport(dir);
    List<Map<String, Tensor>> shards = split(tensors, maxShardBytes);
    if (shards.size() == 1) {
      SafeTensors.write(shards.get(0), dir.resolve(SINGLE));
      return List.of(dir.resolve(SINGLE));
    }
    List<Path> files = new ArrayList<>();
    Map<String, String> weightMap = new TreeMap<>();
    long totalSize = 0;
    long totalParameters = 0;
    for (int i = 0; i < shards.size(); i++) {
      String name = String.format("model-%05d-of-%05d.safetensors", i + 1, shards.size());
      SafeTensors.write(shards.get(i), dir.resolve(name));
      files.add(dir.resolve(name));
      for (Map.Entry<String, Tensor> e : shards.get(i).entrySet()) {
        weightMap.put(e.getKey(), name);
        totalSize += bytes(e.getValue());
        totalParameters += e.getValue().values().length;
      }
    }
    ObjectNode index = JSON.createObjectNode();
    index
        .putObject("metadata")
        .put("total_parameters", totalParameters)
        .put("total_size", totalSize);
    ObjectNode map = index.putObject("weight_map");
    weightMap.forEach(map::put);
    Files.writeString(dir.resolve(INDEX), JSON.writeValueAsString(index));
    return files;
  }

  /** The shards huggingface_hub would cut, each a map in tensor order. */
  static List<Map<String, Tensor>> split(Map<String, Tensor> tensors, long maxShardBytes) {
    List<Map<String, Tensor>> shards = new ArrayList<>();
    Map<String, Tensor> current = new LinkedHashMap<>();
    long currentBytes = 0;
    for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
      long size = bytes(e.getValue());
      if (size > maxShardBytes) {
        shards.add(Map.of(e.getKey(), e.getValue()));
        continue;
      }
      if (currentBytes + size > maxShardBytes) {
        shards.add(current);
        current = new LinkedHashMap<>();
        currentBytes = 0;
      }
      current.put(e.getKey(), e.getValue());
      currentBytes += size;
    }
    if (!current.isEmpty()) {
      shards.add(current);
    }
    return shards;
  }

  /**
   * Reads every tensor the index names from its shard; fails naming the index or shard that is
   * missing, unreadable, or lacks a tensor the index puts there.
   */
  public static Map<String, Tensor> read(Path dir) throws IOException {
    Path indexFile = dir.resolve(INDEX);
    JsonNode weightMap;
    try {
      weightMap = JSON.readTree(Files.readString(indexFile)).path("weight_map");
    } catch (JacksonException e) {
      throw new IOException(indexFile + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (!weightMap.isObject() || weightMap.isEmpty()) {
      throw new IOException(indexFile + " has no 'weight_map' object naming the shards");
    }
    Path base = dir.toAbsolutePath().normalize();
    Map<String, Map<String, Tensor>> shards = new LinkedHashMap<>();
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : weightMap.properties()) {
      String shardName = e.getValue().asString("");
      Path shard = base.resolve(shardName).normalize();
      if (shardName.isEmpty() || !base.equals(shard.getParent())) {
        throw new IOException(
            indexFile
                + ": tensor "
                + e.getKey()
                + " names shard '"
                + shardName
                + "' outside "
                + dir);
      }
      if (!shards.containsKey(shardName)) {
        if (!Files.isRegularFile(shard)) {
          throw new IOException(indexFile + " names shard " + shardName + ", which is missing");
        }
        shards.put(shardName, SafeTensors.read(shard));
      }
      Tensor t = shards.get(shardName).get(e.getKey());
      if (t == null) {
        throw new IOException(
            shard + " has no tensor " + e.getKey() + " although " + INDEX + " puts it there");
      }
      tensors.put(e.getKey(), t);
    }
    return tensors;
  }

  private static void removeEarlierExport(Path dir) throws IOException {
    Files.deleteIfExists(dir.resolve(SINGLE));
    Files.deleteIfExists(dir.resolve(INDEX));
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        if (f.getFileName().toString().matches("model-\\d{5}-of-\\d{5}\\.safetensors")) {
          Files.delete(f);
        }
      }
    }
  }

  private static long bytes(Tensor t) {
    return (long) t.values().length * Float.BYTES;
  }
}

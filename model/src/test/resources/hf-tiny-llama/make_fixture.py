# Builds model/src/test/resources/hf-tiny-llama/{f32,f32-sharded,bf16}: a tiny random Llama (GQA,
# untied, rope_theta 5e5) written by transformers' save_pretrained in float32 (one file, and in 8KB
# shards with model.safetensors.index.json) and in bfloat16, and the logits transformers computes in
# float32 for a fixed token sequence.
# Run: python make_fixture.py model/src/test/resources/hf-tiny-llama (torch + transformers).
import sys, torch
from transformers import LlamaConfig, LlamaForCausalLM
out = sys.argv[1]
torch.manual_seed(0)
config = LlamaConfig(hidden_size=16, intermediate_size=40, num_hidden_layers=2,
                     num_attention_heads=4, num_key_value_heads=2, vocab_size=32,
                     max_position_embeddings=32, rms_norm_eps=1e-6, rope_theta=500000.0,
                     tie_word_embeddings=False, bos_token_id=1, eos_token_id=2)
model = LlamaForCausalLM(config).eval()
with torch.no_grad():
    for p in model.parameters():
        p.normal_(0, 0.3)  # larger than the 0.02 init so the logits are far from uniform
ids = [1, 5, 9, 30, 2, 17, 4, 11]

def save(model, directory, **kwargs):
    model.save_pretrained(directory, **kwargs)
    # Logits in float32 of exactly the saved weights (bf16 weights widened for the bf16 copy).
    with torch.no_grad():
        logits = model.float()(torch.tensor([ids])).logits[0]
    with open(f"{directory}/expected_logits.txt", "w") as f:
        f.write("# transformers " + __import__("transformers").__version__ + ", torch " + torch.__version__ + "\n")
        f.write(" ".join(map(str, ids)) + "\n")
        for v in logits.reshape(-1).tolist():
            f.write(repr(v) + "\n")

save(model, f"{out}/f32")
save(model, f"{out}/f32-sharded", max_shard_size="8KB")  # shards + model.safetensors.index.json
save(model.to(torch.bfloat16), f"{out}/bf16")

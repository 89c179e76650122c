# Checks a `./tempered export` of stories260K with the Hugging Face tooling (torch + transformers):
# from_pretrained loads the folder (single file or shards), greedy decoding from BOS gives the
# token ids and text of shared/models/stories260K/MODEL.md, and AutoTokenizer gives llama2.c's ids.
# Run: python check_export.py DIR [DIR...]   (not part of the Maven build: it needs Python)
import sys, torch
from transformers import AutoTokenizer, LlamaForCausalLM

GOLDEN_IDS = [403, 407, 261, 378, 432, 383, 286, 261, 376, 298]
GOLDEN_TEXT = "Once upon a time, there was a little girl named Lily. She loved to play outside in the park."

logits = []
for directory in sys.argv[1:]:
    model = LlamaForCausalLM.from_pretrained(directory).eval()
    assert model.dtype == torch.float32, model.dtype
    with torch.no_grad():
        out = model.generate(torch.tensor([[1]]), max_new_tokens=40, do_sample=False)
        logits.append(model(torch.tensor([[1] + GOLDEN_IDS])).logits[0])
    ids = out[0, 1:].tolist()
    assert ids[:10] == GOLDEN_IDS, ids[:10]
    tok = AutoTokenizer.from_pretrained(directory)
    text = tok.decode(out[0], skip_special_tokens=True)
    assert text.startswith(GOLDEN_TEXT), text
    assert tok("Once upon a time").input_ids == [1] + GOLDEN_IDS[:4], tok("Once upon a time").input_ids
    print(directory, "ok:", ids[:10], repr(text[:60]))
for other in logits[1:]:
    print("max abs logit diff to the first folder:", (other - logits[0]).abs().max().item())

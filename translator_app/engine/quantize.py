"""int8 dynamic quantisation for the CPU (the default there; TRANSLATOR_INT8=0 turns it off)."""

from __future__ import annotations

import warnings


def quantize_dynamic(model, output_layer: bool = False):
    """int8 dynamic quantisation of the Linear and GRU layers (CPU only).

    With ``output_layer`` the tied vocabulary projection (``F.linear`` with the embedding table,
    which torch's quantize_dynamic cannot see) is quantised too, from an int8 copy of the table;
    the embedding lookups keep the float table.
    """
    import torch
    from torch import nn

    # torch 2.x marks torch.ao.quantization as deprecated; it is still the API that does this job,
    # and the warnings would otherwise land in every CLI run's stderr.
    warnings.filterwarnings("ignore", message=r".*quantize_per_tensor.*")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        qmodel = torch.ao.quantization.quantize_dynamic(model, {nn.Linear, nn.GRU, nn.GRUCell}, dtype=torch.qint8)
        decoder = getattr(qmodel, "decoder", None)
        if output_layer and decoder is not None and getattr(decoder, "tie_output", False):
            emb = decoder.embedding
            proj = nn.Linear(emb.embedding_dim, emb.num_embeddings)
            with torch.no_grad():
                proj.weight.copy_(emb.weight)
                proj.bias.copy_(decoder.out_bias)
            decoder.output_int8 = torch.ao.quantization.quantize_dynamic(
                nn.Sequential(proj), {nn.Linear}, dtype=torch.qint8)[0]
            decoder.project = decoder.output_int8.forward  # shadows Decoder.project on this instance
    return qmodel

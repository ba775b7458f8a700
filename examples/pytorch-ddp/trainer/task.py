"""Fits y = 3x - 2 with torch DistributedDataParallel over the gloo backend.

Every replica trains on its own shard; DDP averages the gradients across replicas, so all of them
end with the same parameters, which the last step checks with an all_gather. Vertex AI's PyTorch
images (and the vtrain-tui emulator) set MASTER_ADDR, MASTER_PORT, WORLD_SIZE and RANK from the
cluster spec, so `init_method="env://"` finds the primary replica. Runs unchanged on Vertex.
"""
import argparse
import json
import os
import sys
from datetime import timedelta

import torch
import torch.distributed as dist
from torch import nn


def log(severity, message, **fields):
    # One JSON object per line: Cloud Logging lifts severity and message out of jsonPayload.
    print(json.dumps({"severity": severity, "message": message, **fields}), flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--learning-rate", type=float, default=0.5)
    args = parser.parse_args()

    rank = int(os.environ["RANK"])
    world = int(os.environ["WORLD_SIZE"])
    dist.init_process_group(
        "gloo", init_method="env://", rank=rank, world_size=world, timeout=timedelta(seconds=120)
    )
    log("INFO", f"rank {rank} of {world} joined via {os.environ['MASTER_ADDR']}:{os.environ['MASTER_PORT']}")

    shard = torch.Generator().manual_seed(1000 + rank)
    x = torch.rand(512, 1, generator=shard)
    y = 3 * x - 2 + 0.01 * torch.randn(512, 1, generator=shard)
    torch.manual_seed(rank)  # different starting weights; DDP broadcasts rank 0's at wrap time
    model = nn.parallel.DistributedDataParallel(nn.Linear(1, 1))
    optimizer = torch.optim.SGD(model.parameters(), lr=args.learning_rate)
    for epoch in range(args.epochs):
        optimizer.zero_grad()
        loss = ((model(x) - y) ** 2).mean()
        loss.backward()
        optimizer.step()
        if rank == 0 and epoch % 10 == 0:
            log("INFO", f"epoch {epoch} loss={loss.item():.5f}", epoch=epoch)

    params = torch.cat([p.detach().flatten() for p in model.module.parameters()])
    gathered = [torch.zeros_like(params) for _ in range(world)]
    dist.all_gather(gathered, params)
    in_sync = all(torch.allclose(other, params) for other in gathered)
    weight, bias = params.tolist()
    print(f"rank {rank}/{world} done: w={weight:.3f} b={bias:.3f} replicas_in_sync={in_sync}", flush=True)

    model_dir = os.environ.get("AIP_MODEL_DIR")
    if rank == 0 and model_dir and not model_dir.startswith("gs://"):
        os.makedirs(model_dir, exist_ok=True)
        torch.save(model.module.state_dict(), os.path.join(model_dir, "model.pt"))
    dist.destroy_process_group()
    if not in_sync:
        log("ERROR", "replicas ended with different parameters")
        sys.exit(1)


if __name__ == "__main__":
    main()

"""Data-parallel linear regression that coordinates its replicas through CLUSTER_SPEC.

Runs unchanged on Vertex AI (pre-built Python images) and on the vtrain-tui local emulator.
The primary replica (workerpool0) listens on the port of its own CLUSTER_SPEC address; every
worker (workerpool1) connects to it. Each epoch the primary sends the current weights, each
worker answers with the gradient of its own data shard, and the primary applies the
sample-weighted average. Only the Python standard library is used.
"""
import argparse
import json
import os
import random
import socket
import sys
import time

TRUE_WEIGHTS = [3.0, -2.0, 0.5]  # y = 3*x1 - 2*x2 + 0.5 + noise


def log(message, **fields):
    print(message + (" " + json.dumps(fields) if fields else ""), flush=True)


def parse_args(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--learning-rate", type=float, default=0.1)
    parser.add_argument("--samples-per-replica", type=int, default=2000)
    parser.add_argument("--connect-timeout", type=float, default=60.0)
    # Seconds to pause after each epoch: lets a demo be watched live; leave 0 for real runs.
    parser.add_argument("--epoch-delay", type=float, default=0.0)
    return parser.parse_args(argv)


def cluster_role():
    """(rank, world, primary_address, task_type) from CLUSTER_SPEC; a lone replica if unset."""
    spec = json.loads(os.environ.get("CLUSTER_SPEC") or "{}")
    cluster = spec.get("cluster", {})
    task = spec.get("task", {"type": "workerpool0", "index": 0})
    primaries = cluster.get("workerpool0", [])
    workers = cluster.get("workerpool1", [])
    world = max(1, len(primaries) + len(workers))
    if task["type"] == "workerpool0":
        rank = 0
    elif task["type"] == "workerpool1":
        rank = 1 + int(task["index"])
    else:
        rank = -1  # parameter servers and evaluators take no part in this example
    primary = primaries[0] if primaries else None
    return rank, world, primary, task["type"]


def make_shard(rank, count):
    rng = random.Random(1000 + rank)
    rows = []
    for _ in range(count):
        x1, x2 = rng.uniform(-1, 1), rng.uniform(-1, 1)
        y = TRUE_WEIGHTS[0] * x1 + TRUE_WEIGHTS[1] * x2 + TRUE_WEIGHTS[2] + rng.gauss(0, 0.05)
        rows.append((x1, x2, y))
    return rows


def gradient(weights, rows):
    g = [0.0, 0.0, 0.0]
    loss = 0.0
    for x1, x2, y in rows:
        error = weights[0] * x1 + weights[1] * x2 + weights[2] - y
        loss += error * error
        g[0] += 2 * error * x1
        g[1] += 2 * error * x2
        g[2] += 2 * error
    n = len(rows)
    return [v / n for v in g], loss / n


def send(sock_file, message):
    sock_file.write(json.dumps(message) + "\n")
    sock_file.flush()


def receive(sock_file):
    line = sock_file.readline()
    if not line:
        raise ConnectionError("peer closed the connection")
    return json.loads(line)


def run_primary(args, rank, world, primary, rows):
    peers = []
    conns = []
    if world > 1:
        port = int(primary.rsplit(":", 1)[1])
        server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("0.0.0.0", port))
        server.listen(world)
        server.settimeout(args.connect_timeout)
        log(f"primary listening on port {port}, waiting for {world - 1} worker(s)")
        while len(peers) < world - 1:
            conn, _ = server.accept()
            conns.append(conn)
            peer = conn.makefile("rw")
            hello = receive(peer)
            peers.append(peer)
            log(f"worker rank {hello['rank']} joined ({len(peers)}/{world - 1})")
        server.close()
    weights = [0.0, 0.0, 0.0]
    for epoch in range(1, args.epochs + 1):
        for peer in peers:
            send(peer, {"weights": weights})
        grad, loss = gradient(weights, rows)
        total_n = len(rows)
        summed = [v * len(rows) for v in grad]
        loss_sum = loss * len(rows)
        for peer in peers:
            reply = receive(peer)
            total_n += reply["n"]
            loss_sum += reply["loss"] * reply["n"]
            summed = [a + b * reply["n"] for a, b in zip(summed, reply["grad"])]
        weights = [w - args.learning_rate * s / total_n for w, s in zip(weights, summed)]
        log(f"epoch {epoch}/{args.epochs} loss={loss_sum / total_n:.5f} replicas={world}")
        if args.epoch_delay > 0:
            time.sleep(args.epoch_delay)
    for peer in peers:
        send(peer, {"done": True})
    # A graceful end: wait until every worker has closed its connection (it logs its last line
    # first), so no worker is still running when the primary's exit ends the job.
    for conn, peer in zip(conns, peers):
        conn.settimeout(args.connect_timeout)
        try:
            while peer.readline():
                pass
        except OSError:
            pass
    final_loss = gradient(weights, rows)[1]
    print(json.dumps({"severity": "NOTICE", "message": f"training finished: loss={final_loss:.5f}",
                      "weights": [round(w, 4) for w in weights]}), flush=True)
    save_model(weights)


def run_worker(args, rank, primary, rows):
    host, port = primary.rsplit(":", 1)
    deadline = time.time() + args.connect_timeout
    while True:
        try:
            conn = socket.create_connection((host, int(port)), timeout=args.connect_timeout)
            break
        except OSError:
            if time.time() > deadline:
                raise
            time.sleep(0.2)
    peer = conn.makefile("rw")
    send(peer, {"rank": rank})
    log(f"worker rank {rank} connected to primary {primary}")
    steps = 0
    while True:
        message = receive(peer)
        if message.get("done"):
            break
        grad, loss = gradient(message["weights"], rows)
        send(peer, {"grad": grad, "loss": loss, "n": len(rows)})
        steps += 1
        if steps % 10 == 0:
            log(f"worker rank {rank}: {steps} gradient steps sent")
    log(f"worker rank {rank} done after {steps} steps")
    # Closing tells the primary this worker has finished (it waits for every worker to close).
    peer.close()
    conn.close()


def upload_to_storage_emulator(uri, data):
    """Writes gs://BUCKET/NAME through a Cloud Storage emulator (STORAGE_EMULATOR_HOST)."""
    import urllib.parse
    import urllib.request

    bucket, _, name = uri[len("gs://"):].partition("/")
    url = "%s/upload/storage/v1/b/%s/o?uploadType=media&name=%s" % (
        os.environ["STORAGE_EMULATOR_HOST"].rstrip("/"),
        urllib.parse.quote(bucket, safe=""),
        urllib.parse.quote(name, safe=""),
    )
    request = urllib.request.Request(
        url, data=data, method="POST", headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        response.read()


def save_model(weights):
    model_dir = os.environ.get("AIP_MODEL_DIR")
    if not model_dir:
        return
    data = json.dumps({"weights": weights}).encode()
    if model_dir.startswith("gs://") and os.environ.get("STORAGE_EMULATOR_HOST"):
        # Locally there is no /gcs/ mount; the emulator's Cloud Storage API takes the object.
        upload_to_storage_emulator(model_dir.rstrip("/") + "/model.json", data)
        log(f"model written to {model_dir}model.json")
        return
    if model_dir.startswith("gs://"):  # on Vertex, Cloud Storage is mounted under /gcs/
        model_dir = "/gcs/" + model_dir[len("gs://"):]
    os.makedirs(model_dir, exist_ok=True)
    with open(os.path.join(model_dir, "model.json"), "wb") as f:
        f.write(data)
    log(f"model written to {model_dir}")


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    rank, world, primary, task_type = cluster_role()
    if rank < 0:
        log(f"{task_type} has no role in this example; exiting")
        return 0
    rows = make_shard(rank, args.samples_per_replica)
    log(f"replica rank {rank} of {world} ({task_type}) with {len(rows)} samples")
    if rank == 0:
        run_primary(args, rank, world, primary, rows)
    else:
        run_worker(args, rank, primary, rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())

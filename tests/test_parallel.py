"""Worker processes answer a batch of files at once: a worker that dies in the middle of a batch
still costs no finding and names the one file it died on."""

from __future__ import annotations

import json

import pytest
from test_hostile_plugins import WRONG, hostile

# enough files that a worker is handed batches of several (sizes shrink toward the end)
NAMES = [f"d{n:02}.txt" for n in range(60)]


@pytest.mark.parametrize("victim", [1, 29, 58])
@pytest.mark.parametrize("body", ["os._exit(3)", "os.kill(os.getpid(), signal.SIGKILL)"])
def test_a_worker_dying_mid_batch_loses_no_finding_of_its_batch(tmp_path, body, victim):
    names = list(NAMES)
    names[victim] = names[victim].replace(".txt", "-bomb.txt")
    proc = hostile(tmp_path, body, ".", "--jobs", "2", "--format", "json",
                   files=dict.fromkeys(names, WRONG))
    assert proc.returncode == 2
    (line,) = proc.stderr.strip().splitlines()
    assert names[victim] in line and "hostile" in line
    paths = [f["path"].rsplit("/", 1)[-1] for f in json.loads(proc.stdout)["findings"]
             if f["rule"] == "confusables"]
    assert paths == sorted(names)  # every file, each once, in order

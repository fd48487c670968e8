"""A real crash: ``storyline add`` killed with SIGKILL in the middle of writing a batch.

Unlike an exception (which the store rolls back itself), SIGKILL runs no handler: the database is
left with an open write transaction. SQLite must discard it on the next open, the committed batches
must survive intact, and running the same command again must end with exactly the store of one
uninterrupted run.
"""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from storyline import cli, store
from test_store import STREAM, write_jsonl

# the child process: the real CLI, with the store rigged to kill the process outright while it
# writes the rows of the second batch (the first json.dumps of an article row in that batch)
CHILD = textwrap.dedent("""
    import json, os, signal, sys
    from storyline import cli, store
    real_write, real_dumps, batches = store.Store.write_batch, json.dumps, [0]
    def write_batch(self, *args, **kwargs):
        batches[0] += 1
        return real_write(self, *args, **kwargs)
    def dumps(*args, **kwargs):
        if batches[0] == 2:
            os.kill(os.getpid(), signal.SIGKILL)
        return real_dumps(*args, **kwargs)
    store.Store.write_batch = write_batch
    json.dumps = dumps
    sys.exit(cli.main(["add", sys.argv[1], "--store", sys.argv[2], "--batch-size", "3", "-q"]))
""")


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX signals")
def test_sigkill_mid_batch_then_rerun_equals_one_clean_run(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "stream.jsonl", STREAM)
    clean_db, killed_db = tmp_path / "clean.sqlite", tmp_path / "killed.sqlite"
    assert cli.main(["add", str(src), "--store", str(clean_db), "--batch-size", "3", "-q"]) == 0

    child = subprocess.run([sys.executable, "-c", CHILD, str(src), str(killed_db)],
                           capture_output=True, text=True, timeout=300)
    assert child.returncode == -signal.SIGKILL, child.stderr

    # the open transaction is gone, the database is sound, only whole batches are in it
    con = sqlite3.connect(killed_db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored = con.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    con.close()
    assert stored == 3, "the first batch (3 articles) is committed, the second is not"

    assert cli.main(["add", str(src), "--store", str(killed_db), "--batch-size", "3", "-q"]) == 0
    with store.Store(clean_db) as a, store.Store(killed_db) as b:
        assert b.count() == len(STREAM)
        assert a.dump() == b.dump()

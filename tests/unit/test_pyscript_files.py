"""Every PyScript config lists exactly the modules its page's scripts need (scripts/pyscript_files.py)."""

from __future__ import annotations

from pathlib import Path

from scripts.pyscript_files import main, stale

PAGE = """<script type="module" src="./static/checkout.mjs"
  data-worker="./py/worker/checkout_worker.py" data-worker-config="./worker.toml"></script>
<script type="mpy" src="./py/checkout.py" config="./pyscript.toml"></script>"""
EXAMPLE = """<script type="module" src="../../static/checkout.mjs"
  data-worker="../../py/worker/checkout_worker.py" data-worker-config="../../worker.toml"></script>
<script type="mpy" src="./main.py" config="./pyscript.toml"></script>"""


def test_the_committed_configs_list_every_module() -> None:
    assert stale() == [], "run `make setup` (or python -m scripts.pyscript_files) and commit"


def test_a_new_module_is_added_and_a_gone_one_dropped(tmp_path: Path) -> None:
    for folder in ("py/page", "py/worker", "examples/listing"):
        (tmp_path / folder).mkdir(parents=True)
    for module in ("py/checkout.py", "py/page/draw.py", "py/worker/client.py", "py/worker/checkout_worker.py",
                   "examples/listing/main.py", "examples/listing/listing.py"):
        (tmp_path / module).write_text("")  # the entry scripts (each `src`) are not in [files]
    (tmp_path / "index.html").write_text(PAGE)
    (tmp_path / "examples/listing/index.html").write_text(EXAMPLE)
    (tmp_path / "pyscript.toml").write_text('interpreter = "mpy"\n\n[files]\n"./py/page/gone.py" = ""\n')
    (tmp_path / "worker.toml").write_text('[files]\n"./config.json" = "./config.json"\n')
    (tmp_path / "examples/listing/pyscript.toml").write_text("[files]\n")
    assert stale(tmp_path) == ["worker.toml", "pyscript.toml", "examples/listing/pyscript.toml"]
    main(tmp_path)
    assert stale(tmp_path) == []
    page_config = (tmp_path / "pyscript.toml").read_text()
    assert page_config == 'interpreter = "mpy"\n\n[files]\n"./py/page/draw.py" = ""\n'
    assert (tmp_path / "worker.toml").read_text() == (
        '[files]\n"./config.json" = "./config.json"\n"./py/worker/client.py" = ""\n'
    )
    assert (tmp_path / "examples/listing/pyscript.toml").read_text() == (
        '[files]\n"../../py/page/draw.py" = ""\n"./listing.py" = ""\n'
    )

"""pyscript.toml and worker.toml list exactly the modules of py/page/ and py/worker/."""

from __future__ import annotations

from pathlib import Path

from scripts.pyscript_files import main, stale


def test_the_committed_configs_list_every_module() -> None:
    assert stale() == [], "run `make setup` (or python -m scripts.pyscript_files) and commit"


def test_a_new_module_is_added_and_a_gone_one_dropped(tmp_path: Path) -> None:
    for folder in ("py/page", "py/worker"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "py/page/draw.py").write_text("")
    (tmp_path / "py/worker/client.py").write_text("")
    (tmp_path / "py/worker/checkout_worker.py").write_text("")  # the worker's src: not in [files]
    (tmp_path / "pyscript.toml").write_text('interpreter = "mpy"\n\n[files]\n"./py/page/gone.py" = ""\n')
    (tmp_path / "worker.toml").write_text('[files]\n"./config.json" = "./config.json"\n')
    assert stale(tmp_path) == ["pyscript.toml", "worker.toml"]
    main(tmp_path)
    assert stale(tmp_path) == []
    page_config = (tmp_path / "pyscript.toml").read_text()
    assert page_config == 'interpreter = "mpy"\n\n[files]\n"./py/page/draw.py" = ""\n'
    assert (tmp_path / "worker.toml").read_text() == (
        '[files]\n"./config.json" = "./config.json"\n"./py/worker/client.py" = ""\n'
    )

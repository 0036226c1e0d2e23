"""Every PyScript config lists exactly the modules its page's scripts need (scripts/pyscript_files.py),
as committed, and as the development site serves it whatever was added since."""

from __future__ import annotations

from pathlib import Path

import pytest
from sandbox_testing import TestClient

from checkout_site.app import create_site
from scripts.pyscript_files import main, stale

PAGE = """<script type="module" src="./static/checkout.mjs"
  data-worker="./py/worker/checkout_worker.py" data-worker-config="./worker.toml"></script>
<script type="mpy" src="./py/checkout.py" config="./pyscript.toml"></script>"""
EXAMPLE = """<script type="module" src="../../static/checkout.mjs"
  data-worker="../../py/worker/checkout_worker.py" data-worker-config="../../worker.toml"></script>
<script type="mpy" src="./main.py" config="./pyscript.toml"></script>"""


def test_the_committed_configs_list_every_module() -> None:
    assert stale() == [], "run `make setup` (or python -m scripts.pyscript_files) and commit"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project with a page and an example, whose configs list a module that is gone and none of
    those there are."""
    for folder in ("py/page", "py/worker", "examples/listing", "static"):
        (tmp_path / folder).mkdir(parents=True)
    for module in ("py/checkout.py", "py/page/draw.py", "py/worker/client.py", "py/worker/checkout_worker.py",
                   "examples/listing/main.py", "examples/listing/listing.py"):
        (tmp_path / module).write_text("")  # the entry scripts (each `src`) are not in [files]
    (tmp_path / "index.html").write_text(PAGE)
    (tmp_path / "examples/listing/index.html").write_text(EXAMPLE)
    (tmp_path / "pyscript.toml").write_text('interpreter = "mpy"\n\n[files]\n"./py/page/gone.py" = ""\n')
    (tmp_path / "worker.toml").write_text('[files]\n"./config.json" = "./config.json"\n')
    (tmp_path / "examples/listing/pyscript.toml").write_text("[files]\n")
    return tmp_path


def test_a_new_module_is_added_and_a_gone_one_dropped(project: Path) -> None:
    tmp_path = project
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


def test_the_development_site_serves_the_modules_there_are_now(project: Path) -> None:
    """`make run` after adding a module (or renaming one), before any `make setup`: each page's
    config lists what is there at the next reload, and the files on disk are left as they are."""
    site = TestClient(create_site(8001, root=project))
    (project / "py/page/prices.py").write_text("")
    (project / "examples/listing/extra.py").write_text("")
    (project / "py/worker/client.py").rename(project / "py/worker/spektrix_client.py")
    page = site.get("/pyscript.toml")
    assert page.text == (
        'interpreter = "mpy"\n\n[files]\n"./py/page/draw.py" = ""\n"./py/page/prices.py" = ""\n'
    )
    assert page.headers["content-type"].startswith("application/toml")
    assert page.headers["cache-control"] == "no-cache"
    assert site.get("/worker.toml").text == (
        '[files]\n"./config.json" = "./config.json"\n"./py/worker/spektrix_client.py" = ""\n'
    )
    assert site.get("/examples/listing/pyscript.toml").text == (
        '[files]\n"../../py/page/draw.py" = ""\n"../../py/page/prices.py" = ""\n"./extra.py" = ""\n'
        '"./listing.py" = ""\n'
    )
    assert (project / "examples/listing/pyscript.toml").read_text() == "[files]\n"
    assert len(stale(project)) == 3  # until `make setup` writes them, which a deployment needs


def test_other_toml_files_are_served_as_they_are(project: Path) -> None:
    (project / "examples/listing/notes.toml").write_text('"./py/page/gone.py" = ""\n')
    site = TestClient(create_site(8001, root=project))
    assert site.get("/examples/listing/notes.toml").text == '"./py/page/gone.py" = ""\n'
    assert site.get("/examples/listing/missing.toml").status_code == 404
    (project / "examples/listing/pyscript.toml").write_text("no files section\n")
    assert site.get("/examples/listing/pyscript.toml").text == "no files section\n"


def test_a_config_linked_from_elsewhere_lists_the_served_trees_modules(
    project: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """A tree that links to files elsewhere (as a test's copy of the project does) is served as
    the tree it is: its configs list its own modules."""
    elsewhere = tmp_path_factory.mktemp("elsewhere") / "worker.toml"
    (project / "worker.toml").rename(elsewhere)
    (project / "worker.toml").symlink_to(elsewhere)
    served = TestClient(create_site(8001, root=project)).get("/worker.toml").text
    assert served == '[files]\n"./config.json" = "./config.json"\n"./py/worker/client.py" = ""\n'

// Import every module of the page (py/checkout.py, py/page/, py/shared/) in the pinned MicroPython, under
// Node 20, so a feature MicroPython lacks (dataclasses, typing, `{**d}`, match...) fails here, not
// in a buyer's browser. `pyscript` is a permissive stand-in: this checks the Python, not the DOM.
// Usage: node scripts/check_page.mjs [extra Python to run after the imports]
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { loadMicroPython } = await import(join(root, "static/vendor/micropython/micropython.mjs"));
const errors = [];
const mp = await loadMicroPython({ stdout: (line) => console.log(line), stderr: (line) => errors.push(line) });

const STAND_IN = `
class _Anything:
    """Every attribute, item and call answers another stand-in."""
    def __getattr__(self, name):
        return _Anything()
    def __getitem__(self, key):
        return _Anything()
    def __call__(self, *args, **kwargs):
        return _Anything()
document = _Anything()
window = _Anything()
workers = _Anything()
`;
mp.FS.mkdir("/page");
mp.FS.mkdir("/page/pyscript");
mp.FS.writeFile("/page/pyscript/__init__.py", STAND_IN);
mp.FS.writeFile("/page/pyscript/ffi.py", "def create_proxy(function):\n    return function\n\n\ndef to_js(value):\n    return value\n");
// The page's modules and those it shares with the worker (the action table), as pyscript.toml
// serves them: side by side.
const modules = [];
for (const folder of ["py/page", "py/shared"]) {
  const own = readdirSync(join(root, folder)).filter((name) => name.endsWith(".py")).sort();
  for (const name of own) mp.FS.writeFile(`/page/${name}`, readFileSync(join(root, folder, name), "utf8"));
  modules.push(...own);
}
mp.FS.writeFile("/page/checkout.py", readFileSync(join(root, "py/checkout.py"), "utf8"));

// The entry scripts run too (the checkout's, then each example page's, examples/<name>/main.py),
// with each page's start (its module's run()) held back.
const imports = [...modules.map((name) => name.slice(0, -3)), "checkout"];
const lines = ["import sys", "sys.path.insert(0, '/page')", "import checkout_page", "checkout_page.run = lambda: None"];
lines.push(...imports.map((m) => `import ${m}`));
const examplesDir = join(root, "examples");
for (const example of readdirSync(examplesDir).sort()) {
  const folder = `/examples/${example}`;
  mp.FS.mkdirTree(folder);
  const own = readdirSync(join(examplesDir, example)).filter((name) => name.endsWith(".py")).sort();
  for (const name of own) mp.FS.writeFile(`${folder}/${name}`, readFileSync(join(examplesDir, example, name), "utf8"));
  const held = own.filter((name) => name !== "main.py").map((name) => name.slice(0, -3));
  lines.push(`sys.path.insert(0, '${folder}')`, ...held.flatMap((m) => [`import ${m}`, `${m}.run = lambda: None`]));
  lines.push("import main", "del sys.modules['main']", "sys.path.pop(0)");
  imports.push(...held.map((m) => `${example}/${m}`), `${example}/main`);
}
try {
  mp.runPython(lines.join("\n"));
  if (process.argv[2]) mp.runPython(process.argv[2]);
} catch (error) {
  console.error(String(error.message || error).slice(0, 2000));
  process.exit(1);
}
if (errors.length) {
  console.error(errors.join("\n").slice(0, 2000));
  process.exit(1);
}
console.log(`MicroPython imported: ${imports.join(", ")}`);

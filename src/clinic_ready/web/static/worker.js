// clinic-ready's engine in a worker: Pyodide (from this site's own pyodide/ folder), the wheels and
// the clinic_ready package unpacked into site-packages, then bridge.call for every request.
// Nothing is fetched from anywhere but this site: no loadPackage by name (that would reach a CDN).
import { loadPyodide } from "./pyodide/pyodide.mjs";

const here = new URL("./", self.location.href);
let call = null;

const t0 = performance.now();
function progress(step, of, what) {
  self.postMessage({ progress: { step, of, what, ms: Math.round(performance.now() - t0) } });
}

async function bytesOf(file) {
  const response = await fetch(new URL(file, here));
  if (!response.ok) throw new Error(`${file}: ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

async function boot() {
  const started = performance.now();
  const site = await (await fetch(new URL("site.json", here))).json();
  const total = site.archives.length + 3;
  progress(1, total, "runtime");
  const downloads = site.archives.map((a) => bytesOf(a.file));  // in parallel with the runtime
  const py = await loadPyodide({
    indexURL: new URL("pyodide/", here).href,
    lockFileURL: new URL("pyodide/pyodide-lock.json", here).href,
    packages: [],
    stdout: () => {},
    stderr: () => {},
    env: { HOME: "/home/pyodide", PYDANTIC_DISABLE_PLUGINS: "__all__", CLINIC_READY_NO_COMPACT: "1" },
  });
  progress(2, total, "packages");
  const target = py.runPython("import sysconfig; sysconfig.get_paths()['purelib']");
  for (let i = 0; i < site.archives.length; i++) {
    py.unpackArchive(await downloads[i], site.archives[i].format, { extractDir: target });
    progress(3 + i, total, "packages");
  }
  py.runPython("import importlib; importlib.invalidate_caches()");
  progress(total - 1, total, "engine");
  const bridge = py.pyimport("clinic_ready.web.bridge");
  call = (text) => bridge.call(text);
  progress(total, total, "engine");
  return { ms: Math.round(performance.now() - started), build: site.build };
}

const ready = boot();

self.onmessage = async (event) => {
  const { id, request } = event.data;
  try {
    const info = await ready;
    if (request === null) {
      self.postMessage({ id, value: info });
      return;
    }
    self.postMessage({ id, reply: call(request) });
  } catch (error) {
    self.postMessage({ id, failed: String(error && error.message ? error.message : error) });
  }
};

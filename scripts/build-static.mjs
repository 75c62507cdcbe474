// Copy the front-end packages installed by npm into knotenpunkt/static/vendor/, and bundle
// our own modules that import npm packages (the rich-text editor) with esbuild.
// The vendor folder is generated (git-ignored); nothing third-party is committed.
import { cpSync, mkdirSync, rmSync } from "node:fs";
import { build } from "esbuild";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const modules = join(root, "node_modules");
const vendor = join(root, "knotenpunkt", "static", "vendor");

const copies = [
  ["@kern-ux/native/dist/kern.min.css", "kern/kern.min.css"],
  ["@kern-ux/native/dist/fonts", "kern/fonts"],
  ["@kern-ux/native/LICENSE.md", "kern/LICENSE.md"],
  ["htmx.org/dist/htmx.min.js", "htmx/htmx.min.js"],
  ["htmx.org/LICENSE", "htmx/LICENSE"],
  ["leaflet/dist/leaflet.js", "leaflet/leaflet.js"],
  // leaflet.js names its source map; collectstatic (manifest storage) fails without it.
  ["leaflet/dist/leaflet.js.map", "leaflet/leaflet.js.map"],
  ["leaflet/dist/leaflet.css", "leaflet/leaflet.css"],
  ["leaflet/dist/images", "leaflet/images"],
  ["leaflet/LICENSE", "leaflet/LICENSE"],
  // The rich-text editor bundles Tiptap and ProseMirror (both MIT).
  ["@tiptap/core/LICENSE.md", "richtext/LICENSE-tiptap.md"],
  ["prosemirror-view/LICENSE", "richtext/LICENSE-prosemirror"],
  // Groups nearby markers of the offers map into clusters (one tab stop instead of hundreds).
  ["leaflet.markercluster/dist/leaflet.markercluster.js", "leaflet.markercluster/leaflet.markercluster.js"],
  ["leaflet.markercluster/dist/leaflet.markercluster.js.map", "leaflet.markercluster/leaflet.markercluster.js.map"],
  ["leaflet.markercluster/dist/MarkerCluster.css", "leaflet.markercluster/MarkerCluster.css"],
  ["leaflet.markercluster/dist/MarkerCluster.Default.css", "leaflet.markercluster/MarkerCluster.Default.css"],
  ["leaflet.markercluster/MIT-LICENCE.txt", "leaflet.markercluster/LICENSE"],
];

// Our modules, bundled with the npm packages they import into one file each.
const bundles = [["knotenpunkt/core/frontend/richtext.mjs", "richtext/richtext.js"]];

rmSync(vendor, { recursive: true, force: true });
for (const [from, to] of copies) {
  const target = join(vendor, to);
  mkdirSync(dirname(target), { recursive: true });
  cpSync(join(modules, from), target, { recursive: true });
}
for (const [from, to] of bundles) {
  await build({
    entryPoints: [join(root, from)],
    outfile: join(vendor, to),
    bundle: true,
    format: "esm",
    minify: true,
    target: ["es2020"],
    legalComments: "eof",
    logLevel: "warning",
  });
}
console.log(`static assets copied to ${vendor}`);

// @ts-check
// Builds the policy pack: compiles (and type-checks) its TypeScript sources with tsc into bin/, and records
// a digest of every source in bin/build-info.json. pack.js, the pack's entry point, runs bin/ only while
// that digest still matches the sources. This file is plain JavaScript because it must work before
// anything is compiled.
//
//   node policy/build.js           build (npm run build; also run by `npm ci` and by `npm pack`, so by
//                                  `pulumi policy publish`)
//   node policy/build.js --check   exit 1, saying what changed, unless bin/ matches the sources (CI)
"use strict";
const childProcess = require("node:child_process");
const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");

const OUT_DIR = "bin";
const TSCONFIG = "tsconfig.json";
const BUILD_INFO = "build-info.json";
/** Directories whose files are not inputs of the build. */
const SKIP_DIRS = new Set([OUT_DIR, "node_modules"]);

/**
 * Every input of the build, relative to the pack directory with "/" separators, sorted: each `.ts` file
 * (whatever policies exist) and the tsconfig.
 * @param {string} packDir
 * @returns {string[]}
 */
function sourceFiles(packDir) {
    /** @type {string[]} */
    const files = [];
    /** @param {string} rel */
    const walk = rel => {
        for (const entry of fs.readdirSync(path.join(packDir, rel), { withFileTypes: true })) {
            const child = rel === "" ? entry.name : `${rel}/${entry.name}`;
            if (entry.isDirectory()) {
                if (!SKIP_DIRS.has(child) && !entry.name.startsWith(".")) {
                    walk(child);
                }
            } else if (entry.name.endsWith(".ts") || child === TSCONFIG) {
                files.push(child);
            }
        }
    };
    walk("");
    return files.sort();
}

/**
 * sha256 of each input's content.
 * @param {string} packDir
 * @returns {Record<string, string>}
 */
function sourceDigests(packDir) {
    /** @type {Record<string, string>} */
    const digests = {};
    for (const file of sourceFiles(packDir)) {
        digests[file] = crypto.createHash("sha256").update(fs.readFileSync(path.join(packDir, file))).digest("hex");
    }
    return digests;
}

/**
 * Why bin/ cannot run as the pack (missing, failed, or built from other sources), or undefined when it
 * was built from exactly the sources that are in packDir now.
 * @param {string} packDir
 * @returns {string | undefined}
 */
function staleReason(packDir) {
    let built;
    try {
        built = JSON.parse(fs.readFileSync(path.join(packDir, OUT_DIR, BUILD_INFO), "utf8")).sources;
    } catch {
        return `${OUT_DIR}/ has not been built`;
    }
    const now = sourceDigests(packDir);
    const changed = Object.keys(now).filter(f => f in built && built[f] !== now[f]);
    const added = Object.keys(now).filter(f => !(f in built));
    const removed = Object.keys(built).filter(f => !(f in now));
    const parts = [
        ...(changed.length > 0 ? [`changed: ${changed.join(", ")}`] : []),
        ...(added.length > 0 ? [`new: ${added.join(", ")}`] : []),
        ...(removed.length > 0 ? [`removed: ${removed.join(", ")}`] : []),
    ];
    return parts.length === 0 ? undefined : `${OUT_DIR}/ is older than the sources (${parts.join("; ")})`;
}

/**
 * Compiles into a fresh directory and replaces bin/ with it only when tsc succeeds (type errors included),
 * so bin/ is always a complete, type-checked build or absent.
 * @param {string} packDir
 * @param {"inherit" | "pipe"} [stdio] where tsc's messages go
 * @returns {number} tsc's exit status
 */
function build(packDir, stdio = "inherit") {
    const sources = sourceDigests(packDir);
    const tmp = path.join(packDir, `.${OUT_DIR}-${process.pid}`);
    fs.rmSync(tmp, { recursive: true, force: true });
    const tsc = require.resolve("typescript/bin/tsc", { paths: [packDir] });
    const r = childProcess.spawnSync(process.execPath, [tsc, "-p", path.join(packDir, TSCONFIG), "--outDir", tmp, "--noEmitOnError"], { stdio });
    if (r.status !== 0) {
        fs.rmSync(tmp, { recursive: true, force: true });
        return r.status ?? 1;
    }
    fs.writeFileSync(path.join(tmp, BUILD_INFO), `${JSON.stringify({ sources }, null, 2)}\n`);
    fs.rmSync(path.join(packDir, OUT_DIR), { recursive: true, force: true });
    fs.renameSync(tmp, path.join(packDir, OUT_DIR));
    return 0;
}

module.exports = { OUT_DIR, BUILD_INFO, TSCONFIG, sourceFiles, sourceDigests, staleReason, build };

if (require.main === module) {
    const packDir = __dirname;
    const args = process.argv.slice(2);
    if (args.length === 1 && args[0] === "--check") {
        const reason = staleReason(packDir);
        if (reason !== undefined) {
            process.stderr.write(`policy pack: ${reason}. Run \`npm run build\`.\n`);
            process.exitCode = 1;
        }
    } else if (args.length === 0) {
        const status = build(packDir);
        if (status !== 0) {
            process.stderr.write(`policy pack: tsc failed (exit ${status}); ${OUT_DIR}/ was not replaced.\n`);
        }
        process.exitCode = status;
    } else {
        process.stderr.write("usage: node policy/build.js [--check]\n");
        process.exitCode = 2;
    }
}

// @ts-check
// `node -r ./offline/register.js tools/<tool>.ts` runs TypeScript as `-r ts-node/register/transpile-only`
// does: each .ts file is transpiled on its own with the compiler options of the repository's tsconfig.json
// (ts-node's fixed overrides applied), without type-checking (`npm run typecheck` does that), and stack
// traces point into the .ts sources. The difference: each file's JavaScript is kept in
// node_modules/.cache/ec2-server/ts (or $EC2_SERVER_TS_CACHE), checked against a sha256 of the file, of
// tsconfig.json and of the TypeScript version. A file that has not changed is not transpiled again, and
// TypeScript itself is loaded only when some file has changed. Loading and running the compiler was about
// half the CPU time of `npm run plan` before its first resource registered.
//
// `npm ci` fills the cache (the `prepare` script runs this file with --fill, below). Mocha requires it too
// (.mocharc.json) and runs its mochaGlobalSetup once, in mocha's main process, before the parallel workers start:
// that transpiles each .ts file changed since, so two workers never both transpile the same file.
//
// This file is plain JavaScript because it runs before anything is transpiled.
"use strict";

// First, before anything that a Node.js older than package.json's engines (>=22.13: what eslint and mocha need) lacks
// can fail (Node's compile cache below, node:module's getCompileCacheDir in the tools and tests): one line that says
// what to install. Every tool (`node -r ./offline/register.js`) and mocha (.mocharc.json) load this file first;
// `npm ci` refuses such a Node by itself (.npmrc engine-strict). Exit 2, as for any command the tools cannot run as asked.
const [nodeMajor, nodeMinor] = process.versions.node.split(".").map(Number);
if (nodeMajor < 22 || (nodeMajor === 22 && nodeMinor < 13)) {
    process.stderr.write(`ec2-server needs Node.js 22.13 or newer; this is Node.js ${process.versions.node} (see "Quick start" in README.md)\n`);
    process.exit(2);
}

const crypto = require("node:crypto");
const fs = require("node:fs");
const nodeModule = require("node:module");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..");

// Node's compile cache (module.enableCompileCache) for everything loaded after this file: @pulumi/aws, the SDK,
// gRPC, and the JavaScript transpiled below. Node stores the V8 code of each file it compiles and checks it
// against the file's content and its own version; `npm ci` starts it afresh with node_modules. A directory given
// in NODE_COMPILE_CACHE (which Node itself reads, in every process) or EC2_SERVER_V8_CACHE (read only here) is
// used instead. It is not passed on to the processes started from here: the packs the tools start get a directory
// of their own beside it (offline/policy/pack.ts packCompileCacheDir), since run-policy-pack runs under other
// V8 flags and V8 rejects code cached under other flags.
const COMPILE_CACHE_DIR = process.env["NODE_COMPILE_CACHE"] || process.env["EC2_SERVER_V8_CACHE"] || path.join(ROOT, "node_modules", ".cache", "ec2-server", "v8");
nodeModule.enableCompileCache?.(COMPILE_CACHE_DIR);
const TSCONFIG = path.join(ROOT, "tsconfig.json");
const CACHE_DIR = process.env["EC2_SERVER_TS_CACHE"] || path.join(ROOT, "node_modules", ".cache", "ec2-server", "ts");
/** Bump when what is stored, or how it is produced, changes. */
const FORMAT = "1";

/** @param {string} text */
const sha256 = text => crypto.createHash("sha256").update(text).digest("hex");

const tsconfigText = fs.readFileSync(TSCONFIG, "utf8");
const tsVersion = JSON.parse(fs.readFileSync(require.resolve("typescript/package.json", { paths: [ROOT] }), "utf8")).version;
/** Everything besides a file's own path and content that its output depends on. */
const SALT = sha256(`${FORMAT}\0${tsVersion}\0${tsconfigText}`);

/** @type {typeof import("typescript") | undefined} */
let ts;
/** @type {import("typescript").CompilerOptions} */
let compilerOptions = {};

/** Loads TypeScript and reads tsconfig.json's options as ts-node does; only needed when a file changed. */
function compiler() {
    if (ts === undefined) {
        ts = /** @type {typeof import("typescript")} */ (require(require.resolve("typescript", { paths: [ROOT] })));
        const { config, error } = ts.parseConfigFileTextToJson(TSCONFIG, tsconfigText);
        if (error !== undefined) {
            throw new Error(ts.flattenDiagnosticMessageText(error.messageText, "\n"));
        }
        // Options only: like ts-node, do not list the files that "include" matches.
        const parsed = ts.parseJsonConfigFileContent({ ...config, files: [], include: [] }, ts.sys, ROOT, undefined, TSCONFIG);
        compilerOptions = {
            ...parsed.options,
            // ts-node's TS_NODE_COMPILER_OPTIONS and fixConfig.
            sourceMap: true,
            inlineSourceMap: false,
            inlineSources: true,
            declaration: false,
            declarationMap: false,
            emitDeclarationOnly: false,
            composite: false,
            noEmit: false,
            module: parsed.options.module ?? ts.ModuleKind.CommonJS,
        };
        delete compilerOptions.outFile;
        delete compilerOptions.declarationDir;
    }
    return ts;
}

/**
 * JavaScript for one file, with its source map inline (as ts-node emits it).
 * @param {string} filename
 * @param {string} source
 * @returns {string}
 */
function transpile(filename, source) {
    const hash = sha256(`${SALT}\0${filename}\0${source}`);
    const entry = path.join(CACHE_DIR, `${sha256(filename).slice(0, 32)}.json`);
    try {
        const cached = JSON.parse(fs.readFileSync(entry, "utf8"));
        if (cached.hash === hash && typeof cached.code === "string") {
            return cached.code;
        }
    } catch {
        // not cached yet, or unreadable: transpile
    }
    const t = compiler();
    const out = t.transpileModule(source, { fileName: filename, compilerOptions, reportDiagnostics: true });
    const errors = (out.diagnostics ?? []).filter(d => d.category === t.DiagnosticCategory.Error && ![6059, 18002, 18003].includes(d.code));
    if (errors.length > 0) {
        const host = { getCanonicalFileName: (/** @type {string} */ f) => f, getCurrentDirectory: () => process.cwd(), getNewLine: () => "\n" };
        const err = new Error(`⨯ Unable to compile TypeScript:\n${t.formatDiagnostics(errors, host)}`);
        err.name = "TSError";
        throw err;
    }
    const map = JSON.parse(out.sourceMapText ?? "{}");
    map.file = filename;
    map.sources = [filename];
    delete map.sourceRoot;
    const code = `${out.outputText.replace(/\/\/# sourceMappingURL=\S*\s*$/, "")}//# sourceMappingURL=data:application/json;charset=utf-8;base64,${Buffer.from(JSON.stringify(map)).toString("base64")}`;
    try {
        // Written whole and renamed, so a process reading the cache at the same time never sees half a file.
        fs.mkdirSync(CACHE_DIR, { recursive: true });
        const tmp = `${entry}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, JSON.stringify({ hash, filename, code }));
        fs.renameSync(tmp, entry);
    } catch {
        // a read-only node_modules only costs the next start this transpile again
    }
    return code;
}

/** The JavaScript each loaded .ts file ran as, for source maps in stack traces. */
const outputs = new Map();

require("@cspotcode/source-map-support").install({
    environment: "node",
    retrieveFile: (/** @type {string} */ file) => outputs.get(file) ?? "",
});

require.extensions[".ts"] = (module, filename) => {
    const code = transpile(filename, fs.readFileSync(filename, "utf8"));
    outputs.set(filename, code);
    /** @type {{ _compile(code: string, filename: string): void }} */ (/** @type {unknown} */ (module))._compile(code, filename);
};

/**
 * Transpiles into the cache each given .ts file that is not there yet (an unchanged file costs a read and a hash).
 * A file that does not compile is skipped: requiring it reports the error, in the test that needs it.
 * @param {string[]} files absolute paths
 */
function fillCache(files) {
    for (const file of files) {
        try {
            transpile(file, fs.readFileSync(file, "utf8"));
        } catch {
            // reported when the file is required
        }
    }
}

/**
 * The repository's .ts files: every directory but node_modules, dot-directories and the pack's compiled bin/.
 * @param {string} [dir]
 * @returns {string[]}
 */
function repositoryFiles(dir = ROOT) {
    /** @type {string[]} */
    const files = [];
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
            if (entry.name !== "node_modules" && entry.name !== "bin" && !entry.name.startsWith(".")) {
                files.push(...repositoryFiles(full));
            }
        } else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) {
            files.push(full);
        }
    }
    return files;
}

module.exports = { mochaGlobalSetup: () => fillCache(repositoryFiles()) };

/**
 * What the tools and the tests load from the repository, besides their entry points: loading these compiles the
 * SDK and its dependencies. (policy/index.ts, which builds the PolicyPack and starts its server, is not in them.)
 */
const LIBRARY_DIRS = ["components", "config", "lib", "offline", path.join("tools", "lib"), path.join("policy", "lib"), path.join("policy", "policies")];

/**
 * `node offline/register.js --fill [dir]`: npm's `prepare` (so `npm ci` and `npm install`) runs this after it
 * builds the policy pack. It compiles what the tools load, once, as pip byte-compiles a package at install:
 * - every .ts file of the repository (or of dir) into this file's cache;
 * - the V8 code of what the repository's libraries load (LIBRARY_DIRS: the SDK, `@pulumi/aws`, gRPC)
 *   into Node's compile cache. Each is required, which only defines things; nothing runs.
 * The first `npm run plan` or `npm test` after an install then starts as fast as any later one. Without it, every
 * process of the first test run compiled the same modules and wrote the same entries at exit: about 2 s of
 * transpiling and 1-1.5 s of cache writes on 2 cores.
 * @param {string} root
 */
function prepare(root) {
    const files = repositoryFiles(root);
    fillCache(files);
    const libraries = LIBRARY_DIRS.map(d => path.join(root, d) + path.sep);
    for (const file of files.filter(f => libraries.some(dir => f.startsWith(dir)))) {
        try {
            require(file);
        } catch {
            // reported where the module is used
        }
    }
    nodeModule.flushCompileCache?.();
}

if (require.main === module && process.argv[2] === "--fill") {
    prepare(path.resolve(process.argv[3] ?? ROOT));
}

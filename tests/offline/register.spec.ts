// offline/register.js: runs TypeScript like ts-node's transpile-only mode, with each file's JavaScript cached
// on disk by content, so an unchanged file is never transpiled twice and TypeScript is loaded only on a change;
// mocha's global setup fills that cache ahead for its parallel workers.
import * as assert from "node:assert/strict";
import * as childProcess from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const REPO = path.join(__dirname, "..", "..");
const REGISTER = path.join(REPO, "offline", "register.js");

describe("offline/register.js", () => {
    let dir: string;
    let cache: string;
    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "register-"));
        cache = path.join(dir, "cache");
        fs.writeFileSync(path.join(dir, "greet.ts"), 'export const greet = (name: string): string => `hello ${name}`;\n');
        fs.writeFileSync(path.join(dir, "main.ts"), [
            'import { greet } from "./greet";',
            "interface Unused { a: number }",
            "type AlsoUnused = Unused;",
            "enum Color { Red = 1 }",
            "const typescriptLoaded = Object.keys(require.cache).some(f => f.includes(`${require(\"node:path\").sep}typescript${require(\"node:path\").sep}`));",
            "console.log(`${greet(\"world\")} ${Color.Red} typescript:${typescriptLoaded}`);",
            "if (process.argv[2] === \"throw\") {",
            '    throw new Error("boom");',
            "}",
            "",
        ].join("\n"));
    });
    afterEach(() => {
        fs.rmSync(dir, { recursive: true, force: true });
    });

    const run = (...args: string[]) =>
        childProcess.spawnSync(process.execPath, ["-r", REGISTER, path.join(dir, "main.ts"), ...args], {
            cwd: dir,
            encoding: "utf8",
            env: { ...process.env, EC2_SERVER_TS_CACHE: cache },
        });

    // One sequence of starts (each one a process costs about 0.3 s of CPU): the first transpiles, the second reads
    // the cache, and an edit is transpiled again; every start also throws, to show where its stack trace points.
    it("runs TypeScript, caching each file: the second start never loads TypeScript, a changed file is transpiled again (never served stale), and stack traces point into the .ts source, also from the cache", () => {
        const trace = `${path.join(dir, "main.ts")}:8:11`;
        const starts = [];
        for (const step of ["transpiled", "cached"]) {
            const r = run("throw");
            assert.notEqual(r.status, 0, step);
            assert.ok(r.stderr.includes(trace), `${step}: ${r.stderr}`);
            starts.push(r.stdout);
            if (step === "transpiled") {
                assert.equal(fs.readdirSync(cache).length, 2);
            }
        }
        fs.writeFileSync(path.join(dir, "greet.ts"), 'export const greet = (name: string): string => `goodbye ${name}`;\n');
        for (const step of ["changed", "cached again"]) {
            const r = run();
            assert.equal(r.status, 0, `${step}: ${r.stderr}`);
            starts.push(r.stdout);
        }
        assert.deepEqual(starts, [
            "hello world 1 typescript:true\n",
            "hello world 1 typescript:false\n",
            "goodbye world 1 typescript:true\n",
            "goodbye world 1 typescript:false\n",
        ]);
    });

    it("turns on Node's compile cache in node_modules/.cache/ec2-server/v8, or in the NODE_COMPILE_CACHE or EC2_SERVER_V8_CACHE given, for its own process only", () => {
        // Plain JavaScript: the cache is turned on whatever the entry point is, and no start loads TypeScript.
        fs.writeFileSync(path.join(dir, "main.js"), [
            'const nodeModule = require("node:module");',
            "console.log(JSON.stringify({ env: process.env.NODE_COMPILE_CACHE ?? null, dir: nodeModule.getCompileCacheDir() }));",
            "",
        ].join("\n"));
        const env: NodeJS.ProcessEnv = { ...process.env, EC2_SERVER_TS_CACHE: cache };
        delete env["NODE_COMPILE_CACHE"];
        delete env["EC2_SERVER_V8_CACHE"];
        const start = (e: NodeJS.ProcessEnv) => {
            const r = childProcess.spawnSync(process.execPath, ["-r", REGISTER, path.join(dir, "main.js")], { cwd: dir, encoding: "utf8", env: e });
            assert.equal(r.status, 0, r.stderr);
            const seen = JSON.parse(r.stdout) as { env: string | null; dir: string };
            // Node keeps each version's entries in a directory of their own, e.g. <dir>/v22.23.3-x64-9ac5647c-0.
            assert.match(path.basename(seen.dir), new RegExp(`^v${process.versions.node.replace(/\./g, "\\.")}-`));
            return { env: seen.env, dir: path.dirname(seen.dir) };
        };
        const repoCache = path.join(REPO, "node_modules", ".cache", "ec2-server", "v8");
        assert.deepEqual(start(env), { env: null, dir: repoCache });
        const own = path.join(dir, "v8");
        assert.deepEqual(start({ ...env, NODE_COMPILE_CACHE: own }), { env: own, dir: own });
        assert.ok(fs.readdirSync(own).length > 0, "the process wrote its compile cache");
        const mine = path.join(dir, "v8-register");
        assert.deepEqual(start({ ...env, EC2_SERVER_V8_CACHE: mine }), { env: null, dir: mine });
    });

    // --fill runs fillCache (mochaGlobalSetup runs it on the repository's files) and then compiles the libraries.
    it("--fill [dir] (npm's prepare, so npm ci) transpiles every .ts file under dir ahead, skipping one that does not compile, and compiles what the libraries load; the first start then never loads TypeScript", () => {
        const pkg = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")) as { scripts: Record<string, string> };
        assert.equal(pkg.scripts["prepare"], "node policy/build.js && node offline/register.js --fill");
        const write = (file: string, text: string) => {
            fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
            fs.writeFileSync(path.join(dir, file), text);
        };
        write("node_modules/dep/index.ts", "export const skipped = 1;\n");
        // Reported when it is required, in the test that needs it; the fill goes on.
        write("broken.ts", "export const broken = (x: string => x;\n");
        // A library module (offline/) is loaded, so its JavaScript is compiled into Node's compile cache; an entry
        // point (tools/) is only transpiled: loading it could run it.
        const marker = (name: string) => `require("node:fs").writeFileSync(${JSON.stringify(path.join(dir, `${name}.loaded`))}, "");\n`;
        write("offline/engine.ts", marker("engine"));
        write("tools/tool.ts", marker("tool"));
        const v8 = path.join(dir, "v8");
        const fill = childProcess.spawnSync(process.execPath, [REGISTER, "--fill", dir], {
            cwd: dir,
            encoding: "utf8",
            env: { ...process.env, EC2_SERVER_TS_CACHE: cache, NODE_COMPILE_CACHE: v8 },
        });
        assert.equal(fill.status, 0, fill.stderr);
        assert.deepEqual([fill.stdout, fill.stderr], ["", ""]);
        const cached = fs.readdirSync(cache).map(f => (JSON.parse(fs.readFileSync(path.join(cache, f), "utf8")) as { filename: string }).filename).sort();
        assert.deepEqual(cached, ["greet.ts", "main.ts", "offline/engine.ts", "tools/tool.ts"].map(f => path.join(dir, f)));
        assert.deepEqual(fs.readdirSync(dir).filter(f => f.endsWith(".loaded")), ["engine.loaded"]);
        assert.ok(fs.readdirSync(v8, { recursive: true }).length > 1, "compiled code written to Node's compile cache");
        assert.equal(run().stdout, "hello world 1 typescript:false\n");
    });

    it("a syntax error fails with TypeScript's message and location, and is not cached", () => {
        fs.writeFileSync(path.join(dir, "greet.ts"), "export const greet = (name: string => name;\n");
        const r = run();
        assert.notEqual(r.status, 0);
        assert.match(r.stderr, /Unable to compile TypeScript:\n.*greet\.ts\(1,\d+\): error TS\d+: /);
        const cached = fs.readdirSync(cache).map(f => (JSON.parse(fs.readFileSync(path.join(cache, f), "utf8")) as { filename: string }).filename);
        assert.deepEqual(cached, [path.join(dir, "main.ts")]);
    });
});

// A Node.js older than package.json's engines fails with one line naming Node 22, before anything else can fail
// (offline/register.js is the first file every tool and mocha load), and `npm ci` refuses it (.npmrc engine-strict).
/** A node on this machine older than 22 (a system node the README's Setup tells users to look past), if any. */
function oldNode(): string | undefined {
    const candidates = [...(process.env["PATH"] ?? "").split(path.delimiter).map(d => path.join(d, "node")), "/usr/bin/node", "/usr/local/bin/node"];
    for (const file of new Set(candidates)) {
        if (!fs.existsSync(file)) {
            continue;
        }
        const r = childProcess.spawnSync(file, ["-p", "process.versions.node"], { encoding: "utf8" });
        if (r.status === 0 && Number(r.stdout.split(".")[0]) < 22) {
            return file;
        }
    }
    return undefined;
}

describe("offline/register.js: the Node.js version", () => {
    let dir: string;
    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "node-version-"));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    /** Starts this node as if it were `version`, then register.js, then a script that says it ran. */
    const startAs = (version: string) => {
        const pretend = path.join(dir, `pretend-${version}.js`);
        fs.writeFileSync(pretend, [
            `Object.defineProperty(process, "version", { value: "v${version}" });`,
            `Object.defineProperty(process.versions, "node", { value: "${version}" });`,
            "",
        ].join("\n"));
        return childProcess.spawnSync(process.execPath, ["-r", pretend, "-r", REGISTER, "-e", 'console.log("ran")'], { cwd: REPO, encoding: "utf8" });
    };

    it("Node 20 and Node 22 before 22.13: one line naming Node 22.13, exit 2, nothing run; Node 22.13, 22.23 and 24 run", () => {
        for (const version of ["20.20.2", "22.12.0"]) {
            const old = startAs(version);
            assert.deepEqual([old.status, old.stdout, old.stderr], [2, "", `ec2-server needs Node.js 22.13 or newer; this is Node.js ${version} (see "Quick start" in README.md)\n`]);
        }
        for (const version of ["22.13.0", "22.23.3", "24.11.1"]) {
            const ok = startAs(version);
            assert.deepEqual([ok.status, ok.stdout, ok.stderr], [0, "ran\n", ""], version);
        }
    });

    it("a real Node older than 22 (when this machine has one): `npm run plan` and `npm test` stop with that one line", function () {
        const node = oldNode();
        if (node === undefined) {
            this.skip();
        }
        const version = childProcess.spawnSync(node, ["-p", "process.versions.node"], { encoding: "utf8" }).stdout.trim();
        const line = `ec2-server needs Node.js 22.13 or newer; this is Node.js ${version} (see "Quick start" in README.md)\n`;
        const plan = childProcess.spawnSync(node, ["-r", "./offline/register.js", "tools/plan.ts", "--stack", "dev"], { cwd: REPO, encoding: "utf8" });
        assert.deepEqual([plan.status, plan.stdout, plan.stderr], [2, "", line]);
        const mocha = childProcess.spawnSync(node, [path.join(REPO, "node_modules", "mocha", "bin", "mocha.js"), "tests/offline/stack-config.spec.ts"], { cwd: REPO, encoding: "utf8" });
        assert.deepEqual([mocha.status, mocha.stdout, mocha.stderr], [2, "", line]);
    });

    it("npm refuses to install on an older Node: .npmrc sets engine-strict for package.json's engines", () => {
        const npmrc = fs.readFileSync(path.join(REPO, ".npmrc"), "utf8");
        assert.match(npmrc, /^engine-strict=true$/m);
        const pkg = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")) as { engines: Record<string, string> };
        assert.deepEqual(pkg.engines, { node: ">=22.13" });
    });
});

// tools/lib/register.js: runs TypeScript like ts-node's transpile-only mode, with each file's JavaScript cached
// on disk by content, so an unchanged file is never transpiled twice and TypeScript is loaded only on a change;
// mocha's global setup fills that cache ahead for its parallel workers.
import * as assert from "node:assert/strict";
import * as childProcess from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const REGISTER = path.join(__dirname, "..", "..", "..", "tools", "lib", "register.js");

describe("tools/lib/register.js", () => {
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
        const repoCache = path.join(__dirname, "..", "..", "..", "node_modules", ".cache", "ec2-server", "v8");
        assert.deepEqual(start(env), { env: null, dir: repoCache });
        const own = path.join(dir, "v8");
        assert.deepEqual(start({ ...env, NODE_COMPILE_CACHE: own }), { env: own, dir: own });
        assert.ok(fs.readdirSync(own).length > 0, "the process wrote its compile cache");
        const mine = path.join(dir, "v8-register");
        assert.deepEqual(start({ ...env, EC2_SERVER_V8_CACHE: mine }), { env: null, dir: mine });
    });

    // --fill runs fillCache (mochaGlobalSetup runs it on the repository's files) and then compiles the libraries.
    it("--fill [dir] (npm's prepare, so npm ci) transpiles every .ts file under dir ahead, skipping one that does not compile, and compiles what the libraries load; the first start then never loads TypeScript", () => {
        const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "..", "package.json"), "utf8")) as { scripts: Record<string, string> };
        assert.equal(pkg.scripts["prepare"], "node policy/build.js && node tools/lib/register.js --fill");
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

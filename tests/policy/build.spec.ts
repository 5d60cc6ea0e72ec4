// The pack's build (policy/build.js) and its entry point (policy/pack.js): bin/ runs only while it was built
// from exactly the sources present, otherwise the TypeScript sources run, with a warning on stderr.
import * as assert from "node:assert/strict";
import * as childProcess from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const POLICY_DIR = path.join(__dirname, "..", "..", "policy");
const REPO_NODE_MODULES = path.join(__dirname, "..", "..", "node_modules");

const build = require(path.join(POLICY_DIR, "build.js")) as {
    OUT_DIR: string;
    BUILD_INFO: string;
    TSCONFIG: string;
    sourceFiles(packDir: string): string[];
    sourceDigests(packDir: string): Record<string, string>;
    staleReason(packDir: string): string | undefined;
    build(packDir: string, stdio?: "inherit" | "pipe"): number;
};

function write(dir: string, file: string, text: string): void {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
}

/** A pack directory with the real build.js and pack.js, and sources that say where they run from. */
function fakePack(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pack-build-"));
    fs.copyFileSync(path.join(POLICY_DIR, "build.js"), path.join(dir, "build.js"));
    fs.copyFileSync(path.join(POLICY_DIR, "pack.js"), path.join(dir, "pack.js"));
    write(dir, "tsconfig.json", "{}\n");
    write(dir, "index.ts", 'require("./policies"); console.log("ran the sources");\n');
    write(dir, "policies/index.ts", "module.exports = [];\n");
    write(dir, "lib/util.ts", "module.exports = {};\n");
    write(dir, "node_modules/some-dep/index.ts", "not an input\n");
    write(dir, "bin/index.js", 'console.log("ran bin");\n');
    return dir;
}

/** Marks bin/ as built from the sources as they are now, as build.js does after tsc succeeds. */
function recordBuild(dir: string): void {
    write(dir, path.join(build.OUT_DIR, build.BUILD_INFO), JSON.stringify({ sources: build.sourceDigests(dir) }));
}

/** Runs pack.js as run-policy-pack does (a TypeScript loader registered, then require). The fake sources
 * are plain JavaScript, so the loader here only needs to accept `.ts`. */
function runEntry(dir: string, registerTs = true): childProcess.SpawnSyncReturns<string> {
    const register = registerTs ? 'require.extensions[".ts"] = require.extensions[".js"];' : "";
    return childProcess.spawnSync(process.execPath, ["-e", `${register} require(${JSON.stringify(path.join(dir, "pack.js"))});`], { cwd: dir, encoding: "utf8" });
}

describe("policy/build.js and the pack's entry point policy/pack.js", () => {
    let dir: string;
    beforeEach(() => {
        dir = fakePack();
    });
    afterEach(() => {
        fs.rmSync(dir, { recursive: true, force: true });
    });

    it("the real pack starts from pack.js and builds with its tsconfig.json", () => {
        const pkg = JSON.parse(fs.readFileSync(path.join(POLICY_DIR, "package.json"), "utf8")) as { main: string; files: string[]; scripts: Record<string, string> };
        assert.equal(pkg.main, "pack.js");
        assert.equal(build.TSCONFIG, "tsconfig.json");
        assert.equal(pkg.scripts["prepack"], "node build.js");
        // npm pack (so `pulumi policy publish`) ships the build, and the sources it is checked against.
        for (const f of ["PulumiPolicy.yaml", "pack.js", "build.js", "tsconfig.json", "*.ts", "policies/", "lib/", "bin/"]) {
            assert.ok(pkg.files.includes(f), f);
        }
    });

    it("inputs: every .ts file (any new policy included) and the tsconfig, not bin/ or node_modules/", () => {
        write(dir, "policies/new-policy.ts", "module.exports = {};\n");
        write(dir, "bin/stray.ts", "\n");
        write(dir, "config/strict.json", "{}\n");
        assert.deepEqual(build.sourceFiles(dir), ["index.ts", "lib/util.ts", "policies/index.ts", "policies/new-policy.ts", "tsconfig.json"]);
    });

    it("staleReason: unbuilt, fresh, then each kind of change named", () => {
        assert.equal(build.staleReason(dir), "bin/ has not been built");
        recordBuild(dir);
        assert.equal(build.staleReason(dir), undefined);
        write(dir, "policies/index.ts", "module.exports = [1];\n");
        assert.equal(build.staleReason(dir), "bin/ is older than the sources (changed: policies/index.ts)");
        write(dir, "policies/new-policy.ts", "\n");
        fs.rmSync(path.join(dir, "lib/util.ts"));
        assert.equal(build.staleReason(dir), "bin/ is older than the sources (changed: policies/index.ts; new: policies/new-policy.ts; removed: lib/util.ts)");
        recordBuild(dir);
        write(dir, "tsconfig.json", '{"compilerOptions": {"strict": false}}\n');
        assert.equal(build.staleReason(dir), "bin/ is older than the sources (changed: tsconfig.json)");
    });

    it("pack.js runs bin/ when it is fresh, silently", () => {
        recordBuild(dir);
        const r = runEntry(dir);
        assert.equal(r.status, 0, r.stderr);
        assert.equal(r.stdout, "ran bin\n");
        assert.equal(r.stderr, "");
    });

    it("pack.js writes Node's compile cache once the pack is loaded: the pack runs until it is killed and never reaches a normal exit", async () => {
        recordBuild(dir);
        // A pack that serves until it is killed, as the CLI kills it; it says so only after pack.js is done with it.
        write(dir, "bin/index.js", 'setImmediate(() => console.log("serving")); setInterval(() => undefined, 1000);\n');
        const cacheDir = path.join(dir, "v8");
        const child = childProcess.spawn(process.execPath, ["-e", `require(${JSON.stringify(path.join(dir, "pack.js"))});`], {
            cwd: dir,
            env: { ...process.env, NODE_COMPILE_CACHE: cacheDir },
            stdio: ["ignore", "pipe", "inherit"],
        });
        const signal = await new Promise<NodeJS.Signals | null>(resolve => {
            child.stdout.once("data", () => child.kill("SIGKILL"));
            child.once("exit", (_code, sig) => resolve(sig));
        });
        assert.equal(signal, "SIGKILL");
        const entries = fs.readdirSync(cacheDir, { recursive: true, withFileTypes: true }).filter(e => e.isFile());
        assert.ok(entries.length >= 2, `cached: ${entries.map(e => e.name).join(", ")}`); // build.js and bin/index.js
    });

    it("pack.js runs the sources, saying why, when bin/ is stale or missing", () => {
        recordBuild(dir);
        write(dir, "policies/index.ts", "module.exports = [1];\n");
        const stale = runEntry(dir);
        assert.equal(stale.status, 0, stale.stderr);
        assert.equal(stale.stdout, "ran the sources\n");
        assert.equal(stale.stderr, "ec2-server policy pack: bin/ is older than the sources (changed: policies/index.ts); running the TypeScript sources instead "
            + "(type-checked at every start, slower). Run `npm run build` to start from the compiled pack.\n");

        fs.rmSync(path.join(dir, "bin"), { recursive: true });
        const missing = runEntry(dir);
        assert.equal(missing.stdout, "ran the sources\n");
        assert.match(missing.stderr, /^ec2-server policy pack: bin\/ has not been built; running the TypeScript sources instead/);
    });

    it("pack.js refuses a stale bin/ with a clear error when no TypeScript loader is registered", () => {
        const r = runEntry(dir, false);
        assert.notEqual(r.status, 0);
        assert.equal(r.stdout, "");
        assert.match(r.stderr, /no TypeScript loader is registered; start the pack with @pulumi\/pulumi\/cmd\/run-policy-pack/);
    });

    it("build: tsc type-checks; on a type error bin/ is left as it was and still counts as not built", () => {
        // (A clean build is what `npm ci` runs, and CI's `npm run build:check` checks its result.)
        fs.rmSync(path.join(dir, "node_modules"), { recursive: true });
        fs.symlinkSync(REPO_NODE_MODULES, path.join(dir, "node_modules"), "dir");
        // The smallest standard library (ES5): the type error below is what fails the build with any of them, and tsc
        // spends most of this test reading the library (the default for ES2022 adds the DOM's types: about 1.5 s of
        // CPU more; ES2022's own, as policy/tsconfig.json has it, about 0.6 s more than ES5).
        write(dir, "tsconfig.json", JSON.stringify({ compilerOptions: { strict: true, module: "commonjs", target: "ES2022", lib: ["ES5"], types: [] }, include: ["*.ts", "lib/**/*.ts"] }));
        write(dir, "index.ts", 'import { n } from "./lib/util";\nexport const ok: number = n;\n');
        write(dir, "lib/util.ts", 'export const n: number = "not a number";\n');
        assert.notEqual(build.build(dir, "pipe"), 0);
        assert.deepEqual(fs.readdirSync(path.join(dir, "bin")), ["index.js"]);
        assert.equal(build.staleReason(dir), "bin/ has not been built");
        assert.deepEqual(fs.readdirSync(dir).filter(f => f.startsWith(".bin")), [], "no temporary output left");
    });
});

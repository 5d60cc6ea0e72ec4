// A Node.js older than package.json's engines fails with one line naming Node 22, before anything else can fail
// (tools/lib/register.js is the first file every tool and mocha load), and `npm ci` refuses it (.npmrc engine-strict).
import * as assert from "node:assert/strict";
import * as childProcess from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const REPO = path.join(__dirname, "..", "..", "..");
const REGISTER = path.join(REPO, "tools", "lib", "register.js");

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

describe("tools/lib/register.js: the Node.js version", () => {
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
            assert.deepEqual([old.status, old.stdout, old.stderr], [2, "", `ec2-server needs Node.js 22.13 or newer; this is Node.js ${version} (see "Setup" in README.md)\n`]);
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
        const line = `ec2-server needs Node.js 22.13 or newer; this is Node.js ${version} (see "Setup" in README.md)\n`;
        const plan = childProcess.spawnSync(node, ["-r", "./tools/lib/register.js", "tools/plan.ts", "--stack", "dev"], { cwd: REPO, encoding: "utf8" });
        assert.deepEqual([plan.status, plan.stdout, plan.stderr], [2, "", line]);
        const mocha = childProcess.spawnSync(node, [path.join(REPO, "node_modules", "mocha", "bin", "mocha.js"), "tests/tools/lib/stack-config.spec.ts"], { cwd: REPO, encoding: "utf8" });
        assert.deepEqual([mocha.status, mocha.stdout, mocha.stderr], [2, "", line]);
    });

    it("npm refuses to install on an older Node: .npmrc sets engine-strict for package.json's engines", () => {
        const npmrc = fs.readFileSync(path.join(REPO, ".npmrc"), "utf8");
        assert.match(npmrc, /^engine-strict=true$/m);
        const pkg = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")) as { engines: Record<string, string> };
        assert.deepEqual(pkg.engines, { node: ">=22.13" });
    });
});

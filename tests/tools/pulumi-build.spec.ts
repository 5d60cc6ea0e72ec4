import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { main, MODULE_DIR, moduleVersion } from "../../tools/pulumi-build";
import { pulumiBuildDir, pulumiVersion, REPO_ROOT } from "../../offline/provider/cli";

describe("tools/pulumi-build (npm run pulumi:build)", () => {
    it("one Pulumi version everywhere: package.json's @pulumi/pulumi, the CLI module's go.mod, the installed SDK and the workflow's CLI", () => {
        const version = pulumiVersion();
        assert.match(version, /^\d+\.\d+\.\d+$/);
        assert.equal(moduleVersion(), version);
        assert.equal(JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "node_modules", "@pulumi", "pulumi", "package.json"), "utf8")).version, version);
        assert.equal(JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "policy", "package.json"), "utf8")).dependencies["@pulumi/pulumi"], version);
        const workflow = fs.readFileSync(path.join(REPO_ROOT, ".github", "workflows", "pull-request.yml"), "utf8");
        assert.deepEqual([...workflow.matchAll(/pulumi-version: (\S+)/g)].map(m => m[1]), [version]);
        // go.sum pins every module the CLI is built from.
        assert.ok(fs.readFileSync(path.join(MODULE_DIR, "go.sum"), "utf8").includes(`github.com/pulumi/pulumi/pkg/v3 v${version} h1:`));
    });

    it("reads the version go.mod requires, in a require block or on its own line", () => {
        assert.equal(moduleVersion("module m\n\nrequire github.com/pulumi/pulumi/pkg/v3 v3.1.2\n"), "3.1.2");
        assert.equal(moduleVersion("module m\n\nrequire (\n\tgithub.com/pulumi/pulumi/pkg/v3 v3.4.5\n)\n"), "3.4.5");
        assert.equal(moduleVersion("module m\n"), undefined);
    });

    it("builds into a cache outside the clone, one directory per version", () => {
        const saved = process.env["XDG_CACHE_HOME"];
        process.env["XDG_CACHE_HOME"] = "/somewhere/cache";
        try {
            assert.equal(pulumiBuildDir("3.276.0"), "/somewhere/cache/ec2-server/pulumi/v3.276.0");
        } finally {
            if (saved === undefined) {
                delete process.env["XDG_CACHE_HOME"];
            } else {
                process.env["XDG_CACHE_HOME"] = saved;
            }
        }
    });

    it("without go on PATH (and no build): exit 2 with what to install, and nothing written", () => {
        const cache = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-build-"));
        const saved = { PATH: process.env["PATH"], XDG_CACHE_HOME: process.env["XDG_CACHE_HOME"] };
        process.env["PATH"] = path.join(cache, "nothing-here");
        process.env["XDG_CACHE_HOME"] = cache;
        const lines: string[] = [];
        try {
            assert.equal(main([], l => lines.push(l)), 2);
        } finally {
            process.env["PATH"] = saved.PATH;
            process.env["XDG_CACHE_HOME"] = saved.XDG_CACHE_HOME;
        }
        assert.deepEqual(lines, ["pulumi:build: `go` is not on PATH. Install Go (1.26 or newer, https://go.dev/dl/) and run this again, or install the Pulumi CLI (https://www.pulumi.com/docs/iac/download-install/) and put `pulumi` on PATH instead"]);
        assert.deepEqual(fs.readdirSync(cache), []);
        fs.rmSync(cache, { recursive: true, force: true });
    });

    it("an unknown argument is a usage error", () => {
        const lines: string[] = [];
        assert.equal(main(["--fast"], l => lines.push(l)), 2);
        assert.deepEqual(lines, ["pulumi:build: unknown argument --fast\nusage: npm run -s pulumi:build [-- --force]"]);
    });
});

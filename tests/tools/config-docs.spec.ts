import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { generatedFiles, TABLE_END, TABLE_START } from "../../config/docs";
import { main } from "../../tools/config-docs";
import { REPO, runMain, runScript } from "./helpers";

const USAGE = "usage: npm run config:docs [-- --check]";

/** A repository root of its own with stale copies of the two generated files. */
function staleRoot(): string {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "config-docs-"));
    fs.mkdirSync(path.join(root, "docs"));
    fs.writeFileSync(path.join(root, "docs", "configuration.md"), `# Configuration\n\n${TABLE_START}\nold\n${TABLE_END}\n\nAfter the table.\n`);
    fs.writeFileSync(path.join(root, "Pulumi.yaml"), "name: ec2-server\nconfig:\n  ec2-server:old:\n    type: string\n");
    return root;
}

describe("tools/config-docs (npm run config:docs)", () => {
    it("with --check, writes nothing and exits 1 naming each stale file; without, writes them; then --check passes", async () => {
        const root = staleRoot();
        const before = (file: string) => fs.readFileSync(path.join(root, file), "utf8");
        const stale = { docs: before("docs/configuration.md"), yaml: before("Pulumi.yaml") };
        try {
            const run = (argv: string[]) => runMain(args => main(args, root), USAGE, argv);
            assert.deepEqual(await run(["--check"]), {
                status: 1,
                stdout: "",
                stderr: "docs/configuration.md is not what config/schema.ts generates; run `npm run config:docs`\n"
                    + "Pulumi.yaml is not what config/schema.ts generates; run `npm run config:docs`\n",
            });
            assert.deepEqual([before("docs/configuration.md"), before("Pulumi.yaml")], [stale.docs, stale.yaml]);
            assert.deepEqual(await run([]), { status: 0, stdout: "wrote docs/configuration.md\nwrote Pulumi.yaml\n", stderr: "" });
            const expected = generatedFiles(file => file === "Pulumi.yaml" ? stale.yaml : stale.docs);
            assert.equal(before("docs/configuration.md"), expected["docs/configuration.md"]);
            assert.equal(before("Pulumi.yaml"), expected["Pulumi.yaml"]);
            assert.ok(before("docs/configuration.md").endsWith(`${TABLE_END}\n\nAfter the table.\n`));
            assert.deepEqual(await run(["--check"]), { status: 0, stdout: "", stderr: "" });
        } finally {
            fs.rmSync(root, { recursive: true, force: true });
        }
    });

    it("as a script: --check on the repository passes, and a stray argument is a usage error", () => {
        const ok = runScript("config:docs", ["--check"]);
        assert.deepEqual([ok.status, ok.stdout, ok.stderr], [0, "", ""]);
        const bad = runScript("config:docs", ["docs"]);
        assert.deepEqual([bad.status, bad.stdout, bad.stderr], [2, "", "error: unexpected argument docs\nusage: npm run config:docs [-- --check]\n"]);
        assert.ok(fs.existsSync(path.join(REPO, "docs", "configuration.md")));
    });
});

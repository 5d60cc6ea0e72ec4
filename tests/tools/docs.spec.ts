import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { generatedFiles, TABLE_END, TABLE_START } from "../../config/docs";
import { RESOURCE_KINDS } from "../../offline/force-new";
import { READ_BACK_RULES_DOC } from "../../offline/lifecycle-rules";
import {
    END, FORCE_NEW_FILE, generatedDocs, main, READ_BACK_END, READ_BACK_START, renderForceNewTable, renderReadBackTable, sdkName, START,
    withForceNewTable, withReadBackTable,
} from "../../tools/docs";
import { REPO, runMain, runScript } from "./helpers";

const USAGE = "usage: npm run docs [-- --check]";

/** A repository root of its own with stale copies of the three generated files. */
function staleRoot(): string {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "docs-"));
    fs.mkdirSync(path.join(root, "docs"));
    fs.writeFileSync(path.join(root, "docs", "configuration.md"), `# Configuration\n\n${TABLE_START}\nold\n${TABLE_END}\n\nAfter the table.\n`);
    fs.writeFileSync(path.join(root, "Pulumi.yaml"), "name: ec2-server\nconfig:\n  ec2-server:old:\n    type: string\n");
    fs.writeFileSync(path.join(root, FORCE_NEW_FILE), `# Day 2\n\n${READ_BACK_START}\nold\n${READ_BACK_END}\n\n${START}\nold\n${END}\n\nApplied in place.\n`);
    return root;
}

describe("tools/docs (npm run docs)", () => {
    it("with --check, writes nothing and exits 1 naming each stale file; without, writes them; then --check passes", async () => {
        const root = staleRoot();
        const files = ["docs/configuration.md", "Pulumi.yaml", FORCE_NEW_FILE];
        const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8");
        const stale = files.map(read);
        try {
            const run = (argv: string[]) => runMain(args => main(args, root), USAGE, argv);
            assert.deepEqual(await run(["--check"]), {
                status: 1,
                stdout: "",
                stderr: "docs/configuration.md is not what config/schema.ts generates; run `npm run docs`\n"
                    + "Pulumi.yaml is not what config/schema.ts generates; run `npm run docs`\n"
                    + "docs/day-2.md is not what offline/aws/registry.ts generates; run `npm run docs`\n",
            });
            assert.deepEqual(files.map(read), stale);
            assert.deepEqual(await run([]), { status: 0, stdout: "wrote docs/configuration.md\nwrote Pulumi.yaml\nwrote docs/day-2.md\n", stderr: "" });
            const expected = generatedFiles(file => stale[files.indexOf(file)]);
            assert.equal(read("docs/configuration.md"), expected["docs/configuration.md"]);
            assert.equal(read("Pulumi.yaml"), expected["Pulumi.yaml"]);
            assert.equal(read(FORCE_NEW_FILE), `# Day 2\n\n${renderReadBackTable()}\n\n${renderForceNewTable()}\n\nApplied in place.\n`);
            assert.ok(read("docs/configuration.md").endsWith(`${TABLE_END}\n\nAfter the table.\n`));
            assert.deepEqual(await run(["--check"]), { status: 0, stdout: "", stderr: "" });
        } finally {
            fs.rmSync(root, { recursive: true, force: true });
        }
    });

    it("as a script: --check on the repository passes, and a stray argument is a usage error", () => {
        const ok = runScript("docs", ["--check"]);
        assert.deepEqual([ok.status, ok.stdout, ok.stderr], [0, "", ""]);
        const bad = runScript("docs", ["day-2"]);
        assert.deepEqual([bad.status, bad.stdout, bad.stderr], [2, "", `error: unexpected argument day-2\n${USAGE}\n`]);
    });

    it("docs/day-2.md carries exactly the generated read-back and force-new tables", () => {
        const read = (file: string) => fs.readFileSync(path.join(REPO, file), "utf8");
        const day2 = generatedDocs(read).find(d => d.file === FORCE_NEW_FILE)!;
        assert.ok(read(FORCE_NEW_FILE) === day2.text, "docs/day-2.md is stale: run `npm run docs` and commit the result");
        assert.throws(() => withForceNewTable("# no markers\n"), { message: `docs/day-2.md has no ${START} … ${END} markers` });
        assert.throws(() => withReadBackTable("# no markers\n"), { message: `docs/day-2.md has no ${READ_BACK_START} … ${READ_BACK_END} markers` });
    });

    it("the read-back table has one row per rule, with the SDK's type name and the provider source, pipes escaped", () => {
        const rows = renderReadBackTable().split("\n").filter(l => l.startsWith("| `") || l.startsWith("| ("));
        assert.equal(rows.length, READ_BACK_RULES_DOC.length);
        assert.equal(rows[READ_BACK_RULES_DOC.findIndex(r => r.property === "userData")],
            "| `aws.ec2.Instance` | userData | stored as the SHA-1 of the script, not the script; a diff compares the hash of the new script with it | internal/service/ec2/ec2_instance.go (user_data StateFunc userDataHashSum) |");
        assert.ok(rows.at(-1)!.startsWith("| (every tagged type) | tagsAll | the provider's defaultTags merged with the resource's own tags |"));
    });

    it("the force-new table has one row per resource type of the table, named as the SDK names it", () => {
        const rows = renderForceNewTable().split("\n").filter(l => l.startsWith("| `"));
        assert.equal(rows.length, Object.keys(RESOURCE_KINDS).length);
        assert.deepEqual([sdkName("aws:ec2/instance:Instance"), sdkName("tls:index/privateKey:PrivateKey"), sdkName("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")],
            ["aws.ec2.Instance", "tls.PrivateKey", "aws.vpc.SecurityGroupIngressRule"]);
        assert.ok(rows.includes("| `aws.ec2.InternetGateway` |  | only its region |  |"));
        assert.ok(rows.some(r => r.startsWith("| `aws.ebs.Volume` | yes | availabilityZone, encrypted, kmsKeyId, multiAttachEnabled, outpostArn, snapshotId | ec2/ebs_volume.go |")));
    });
});

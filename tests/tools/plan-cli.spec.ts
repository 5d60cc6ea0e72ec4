/**
 * `npm run plan` on the command line: bad output paths, repeated options, org-qualified stack names, a state
 * that would be overwritten, bad policy levels and the README's facts example, as a new user meets them.
 * Each case runs main() through runCli (runMain), so the exit code and the texts are the process's.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { main, USAGE } from "../../tools/plan";
import { parsePlan } from "../../offline/plan/format";
import { PolicyPackProcess } from "../../offline/policy/pack";
import { runMain, sharedPack } from "./helpers";

const ROOT = path.join(__dirname, "..", "..");

describe("tools/plan on the command line", () => {
    let pack: PolicyPackProcess;
    let tmp: string;
    const plan = (...argv: string[]) => runMain(main, USAGE, argv, { pack });
    before(async () => {
        pack = await sharedPack();
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ec2-server-plan-cli-"));
    });
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    describe("output paths are checked before anything runs, and a failed command leaves no file", () => {
        it("--out in a directory that does not exist: one line, exit 2, and --write-state writes nothing", async () => {
            const out = path.join(tmp, "nodir", "x.json");
            const ok = path.join(tmp, "ok.json");
            const r = await plan("--out", out, "--write-state", ok);
            assert.deepEqual([r.status, r.stdout, r.stderr], [2, "", `error: --out ${out}: directory ${path.join(tmp, "nodir")} does not exist\n`]);
            assert.deepEqual(fs.readdirSync(tmp), []);
        });

        it("every bad output path at once: a directory, a path under a file", async () => {
            const file = path.join(tmp, "file");
            fs.writeFileSync(file, "");
            try {
                const r = await plan("--out", tmp, "--write-state", path.join(file, "s.json"));
                assert.deepEqual([r.status, r.stdout], [2, ""]);
                assert.equal(r.stderr, [
                    `error: --out ${tmp}: is a directory; give a file path`,
                    `error: --write-state ${path.join(file, "s.json")}: ${file} is not a directory`,
                    "",
                ].join("\n"));
                assert.deepEqual(fs.readdirSync(tmp), ["file"]);
            } finally {
                fs.rmSync(file);
            }
        });

        it("--state s.json --write-state s.json is refused: the plan would overwrite the state it reads", async () => {
            const state = path.join(tmp, "s.json");
            assert.equal((await plan("--stack", "prod", "--no-policy", "--write-state", state)).status, 0);
            const before = fs.readFileSync(state, "utf8");
            const r = await plan("--stack", "prod", "--no-policy", "--state", state, "--write-state", state);
            assert.deepEqual([r.status, r.stdout], [2, ""]);
            assert.equal(r.stderr, `error: --write-state ${state}: the same file as --state ${state}; it would overwrite the state it reads (write it to another file)\n`);
            assert.equal(fs.readFileSync(state, "utf8"), before);
            const both = await plan("--no-policy", "--out", state.replace("s.json", "p.json"), "--write-state", path.join(tmp, ".", "p.json"));
            assert.equal(both.stderr, `error: --write-state ${path.join(tmp, ".", "p.json")}: the same file as --out ${path.join(tmp, "p.json")}\n`);
            fs.rmSync(state);
            assert.deepEqual(fs.readdirSync(tmp), []);
        });
    });

    it("a repeated single-valued option is refused, naming the option and both values", async () => {
        const r = await plan("--stack", "dev", "--stack", "prod", "--details");
        assert.deepEqual([r.status, r.stdout], [2, ""]);
        assert.equal(r.stderr, `error: --stack given twice: "dev" and "prod"; give it once\n${USAGE}\n`);
        const three = await plan("--out=a.json", "--stack", "dev", "--out", "b.json", "--stack=web", "--out", "c.json");
        assert.equal(three.stderr.split("\n")[0], 'error: --out given 3 times: "a.json", "b.json" and "c.json"; give it once; --stack given twice: "dev" and "web"; give it once');
    });

    describe("org-qualified stack names, as pulumi takes them (the form deploy.yml uses with PULUMI_ORG)", () => {
        it("myorg/prod and myorg/ec2-server/prod plan the stack prod from Pulumi.prod.yaml", async () => {
            for (const ref of ["myorg/prod", "myorg/ec2-server/prod"]) {
                const out = path.join(tmp, "org.json");
                const r = await plan("--stack", ref, "--no-policy", "--out", out);
                assert.equal(r.status, 0, r.stderr);
                assert.equal(r.stdout.split("\n")[0], "Previewing ec2-server/prod offline (Pulumi SDK mock runtime + the AWS model, ap-northeast-2); values such as ids and addresses come from the model.");
                const p = parsePlan(JSON.parse(fs.readFileSync(out, "utf8")));
                assert.equal(p.stack, "prod");
                assert.ok(p.resources.every(x => x.urn.startsWith("urn:pulumi:prod::ec2-server::")));
                fs.rmSync(out);
            }
        });

        it("another project, an empty segment, too many segments or a bad character: exit 2 saying what is allowed", async () => {
            const cases: [string, string][] = [
                ["myorg/other/prod", 'error: --stack myorg/other/prod: project "other" is not this project (Pulumi.yaml names "ec2-server")\n'],
                ["a/b/c/d", "error: --stack a/b/c/d: expected STACK, ORG/STACK or ORG/PROJECT/STACK\n"],
                ["myorg/", 'error: --stack myorg/: "" is not a stack name: use 1 to 100 letters, digits, "-", "_" or "."\n'],
                ["my stack", 'error: --stack my stack: "my stack" is not a stack name: use 1 to 100 letters, digits, "-", "_" or "."\n'],
            ];
            for (const [ref, stderr] of cases) {
                const r = await plan("--stack", ref, "--no-policy");
                assert.deepEqual([r.status, r.stdout, r.stderr], [2, "", stderr], ref);
            }
        });
    });

    it("a bad enforcement level: every bad entry, with the levels allowed", async () => {
        const config = path.join(tmp, "levels.json");
        fs.writeFileSync(config, JSON.stringify({ all: "blocking", "required-tags": { enforcementLevel: "hard", requiredTags: ["Name"] }, "ec2-no-public-ip": "mandatory" }));
        try {
            const r = await plan("--policy-config", config);
            assert.deepEqual([r.status, r.stdout], [2, ""]);
            assert.equal(r.stderr, [
                `error: invalid policy config ${config} (2 errors):`,
                '  - all: got "blocking", expected an enforcement level: advisory, mandatory, remediate or disabled',
                '  - required-tags.enforcementLevel: got "hard", expected an enforcement level: advisory, mandatory, remediate or disabled',
                "",
            ].join("\n"));
        } finally {
            fs.rmSync(config);
        }
    });

    it("the README's facts example runs as written from the repository root (examples/)", async () => {
        // README "The facts file" / "The offline plan": npm run plan -- --stack golden --config-file examples/Pulumi.golden.yaml --facts examples/facts.yaml
        const r = await plan("--stack", "golden", "--config-file", "examples/Pulumi.golden.yaml", "--facts", "examples/facts.yaml");
        assert.equal(r.stderr, "");
        assert.equal(r.status, 0, r.stdout);
        const lines = r.stdout.split("\n");
        assert.equal(lines[0], "Previewing ec2-server/golden offline (Pulumi SDK mock runtime + the AWS model, ap-northeast-2); values such as ids and addresses come from the model.");
        assert.ok(lines.includes("    ami-0f3a9b8c7d6e5f401: x86_64, platform linux, 8 GiB root snapshot, name acme-golden-ubuntu-24.04-20251101 (from facts file examples/facts.yaml)"), r.stdout);
        // The example files are the worked example the tests plan (tests/fixtures/open-world), kept the same.
        for (const name of ["Pulumi.golden.yaml", "facts.yaml"]) {
            const strip = (file: string) => fs.readFileSync(file, "utf8").replace(/^#.*\n/gm, "");
            assert.equal(strip(path.join(ROOT, "examples", name)), strip(path.join(ROOT, "tests", "fixtures", "open-world", name)), name);
        }
    });
});

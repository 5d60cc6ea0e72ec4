/**
 * One plan, one verdict: the plan file records the default providers' configuration (`aws:region`,
 * `aws:defaultTags`) that `npm run plan` gave the policies, and `policy:check` on that file gives the policies the
 * same providers, so `required-tags` sees the default tags in both.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runPlan } from "../../tools/plan";
import { main, USAGE } from "../../tools/policy-check";
import { loadResources } from "../../offline/policy/resources";
import { parsePlan, PlanFormatError } from "../../offline/plan/format";
import { loadPolicyConfig } from "../../offline/policy/config";
import { PolicyPackProcess } from "../../offline/policy/pack";
import { runMain, sharedPack } from "./helpers";

const ROOT = path.join(__dirname, "..", "..");
const STRICT = path.join("policy", "config", "strict.json");

describe("plan files carry the default providers' configuration (plan and policy:check agree)", () => {
    let pack: PolicyPackProcess;
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ec2-server-providers-"));
    before(async () => {
        pack = await sharedPack();
    });
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    it("prod with strict.json: `plan --out` and `policy:check` on that file give the same verdict and the same diagnostics", async () => {
        const out = path.join(tmp, "plan-prod.json");
        const planned = await runPlan({ stack: "prod", out, pack, policyConfig: loadPolicyConfig(path.join(ROOT, STRICT)) });
        assert.equal(planned.code, 0, planned.stdout + planned.stderr);
        const plan = parsePlan(JSON.parse(fs.readFileSync(out, "utf8")), out);
        // prod has no key pair, so no tls resource: only the aws provider is used.
        assert.deepEqual(plan.providers, { aws: { region: "ap-northeast-2", defaultTags: { tags: { Environment: "prod", Project: "ec2-server" } } } });
        const checked = await runMain(main, USAGE, [out, "--policy-config", STRICT, "--json"], { pack });
        assert.equal(checked.stderr, "");
        assert.equal(checked.status, 0, checked.stdout);
        const report = JSON.parse(checked.stdout) as { diagnostics: unknown[] };
        assert.deepEqual(report.diagnostics, planned.plan!.policy!.diagnostics);
    });

    it("policy:check gives each resource the default provider of its package, as the plan did", () => {
        const doc = {
            version: 1, project: "ec2-server", stack: "dev", region: "ap-northeast-2",
            providers: { aws: { region: "ap-northeast-2", defaultTags: { tags: { Environment: "dev" } } } },
            resources: [
                { urn: "urn:pulumi:dev::ec2-server::aws:ec2/vpc:Vpc::v", type: "aws:ec2/vpc:Vpc", name: "v", custom: true, inputs: {} },
                { urn: "urn:pulumi:dev::ec2-server::tls:index/privateKey:PrivateKey::k", type: "tls:index/privateKey:PrivateKey", name: "k", custom: true, inputs: {} },
            ],
        };
        const { resources, notes } = loadResources(doc, "p.json");
        assert.deepEqual(resources.map(r => r.provider), [
            {
                type: "pulumi:providers:aws", name: "default", urn: "urn:pulumi:dev::ec2-server::pulumi:providers:aws::default",
                properties: { region: "ap-northeast-2", defaultTags: { tags: { Environment: "dev" } } },
            },
            undefined,
        ]);
        assert.deepEqual(notes, ["p.json records no configuration for the tls provider, so policies cannot see it"]);
    });

    it("the plan reader checks the providers section", () => {
        const base = { version: 1, project: "ec2-server", stack: "dev", region: "ap-northeast-2", resources: [] };
        assert.throws(() => parsePlan({ ...base, providers: { aws: "x", tls: [] } }, "p.json"), (err: unknown) => {
            assert.ok(err instanceof PlanFormatError);
            assert.deepEqual(err.problems, ["providers.aws must be an object of the provider's configuration", "providers.tls must be an object of the provider's configuration"]);
            return true;
        });
        assert.throws(() => parsePlan({ ...base, providers: [] }, "p.json"), { message: "p.json is not a valid plan file (version 1):\n  - providers must be an object of package name to the default provider's configuration" });
        assert.equal(parsePlan(base).providers, undefined);
    });
});

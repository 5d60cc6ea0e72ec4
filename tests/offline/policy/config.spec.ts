// offline/policy/config.ts: a policy config file read, reconciled and validated as the Pulumi CLI does (with the
// pack in tests/policy/pack.spec.ts and tests/tools/plan-providers.spec.ts).
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadPolicyConfig, parsePolicyConfig, reconcilePolicyConfig } from "../../../offline/policy/config";

describe("offline/policy/config", () => {
    it("loadPolicyConfig names the file on bad JSON and accepts an empty file", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "policy-config-"));
        try {
            const bad = path.join(dir, "bad.json");
            fs.writeFileSync(bad, '{ "ec2-no-public-ip": mandatory }');
            assert.throws(() => loadPolicyConfig(bad), (e: Error) => e.message.startsWith(`Invalid JSON in policy config ${bad}: `));
            const notObject = path.join(dir, "list.json");
            fs.writeFileSync(notObject, "[]");
            assert.throws(() => loadPolicyConfig(notObject), { message: `Invalid policy config ${notObject}: expected a JSON object of policy names, got []` });
            const empty = path.join(dir, "empty.json");
            fs.writeFileSync(empty, "\n");
            assert.deepEqual(loadPolicyConfig(empty), {});
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("reconciles as the CLI does: defaults, the pack's initial config, then the file ('all' first); every schema error at once", () => {
        const policies = [
            { name: "a", description: "", enforcementLevel: "advisory" as const, configSchema: { properties: { limit: { type: "integer", minimum: 1, default: 2 } } } },
            { name: "b", description: "", enforcementLevel: "mandatory" as const },
        ];
        assert.deepEqual(reconcilePolicyConfig(policies, parsePolicyConfig({ all: "disabled", a: { limit: 5 } })), {
            a: { enforcementLevel: "disabled", properties: { limit: 5 } },
            b: { enforcementLevel: "disabled", properties: undefined },
            all: { enforcementLevel: "disabled", properties: undefined },
        });
        assert.throws(() => reconcilePolicyConfig(policies, parsePolicyConfig({ a: { limit: 0 } })), { message: "Invalid policy pack config:\n  a: limit: Must be greater than or equal to 1" });
        assert.throws(() => parsePolicyConfig({ a: "fatal" }, "p.json"), { message: 'p.json: parsing enforcement level for "a": "fatal" is not a valid enforcement level' });
    });
});

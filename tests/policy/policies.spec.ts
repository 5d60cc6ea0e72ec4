import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { CONFIG_SCHEMA_KEYWORDS } from "../../offline/policy/config";
import { policies } from "../../policy/policies";
import { EXPECTED_POLICIES } from "./helpers";

describe("policy/policies/index.ts", () => {
    it("exports exactly the 20 policies with their default enforcement levels", () => {
        assert.deepEqual(policies.map(p => ({ name: p.name, enforcementLevel: p.enforcementLevel })), EXPECTED_POLICIES);
    });

    it("has unique, kebab-case names", () => {
        const names = policies.map(p => p.name);
        assert.equal(new Set(names).size, names.length);
        for (const name of names) {
            assert.match(name, /^[a-z0-9]+(-[a-z0-9]+)*$/);
        }
    });

    it("gives every policy a real description (what and why) and exactly one validation", () => {
        for (const p of policies) {
            assert.ok(p.description.length >= 80 && p.description.endsWith("."), `${p.name}: description too short: ${p.description}`);
            const kinds = ["validateResource", "validateStack"].filter(k => k in p);
            assert.equal(kinds.length, 1, p.name);
        }
        assert.deepEqual(policies.filter(p => "validateStack" in p).map(p => p.name), [
            "sg-no-mixed-inline-and-standalone-rules",
            "autoscaling-group-multi-az",
            "autoscaling-group-elb-health-check",
        ]);
    });

    it("keeps one policy per file, named after the policy", () => {
        const dir = path.join(__dirname, "..", "..", "policy", "policies");
        const files = fs.readdirSync(dir).filter(f => f !== "index.ts").map(f => f.replace(/\.ts$/, "")).sort();
        assert.deepEqual(files, EXPECTED_POLICIES.map(p => p.name).sort());
    });

    it("never reserves config keys the SDK owns, and sets a default for every config property", () => {
        for (const p of policies) {
            for (const [key, schema] of Object.entries(p.configSchema?.properties ?? {})) {
                assert.notEqual(key, "enforcementLevel", p.name);
                assert.ok("default" in schema, `${p.name}.${key} has no default`);
            }
        }
    });

    it("config schemas use only the JSON Schema keywords the offline pack host checks as the CLI does", () => {
        const keywords = (schema: Record<string, unknown>): string[] => [
            ...Object.keys(schema),
            ...Object.values((schema.properties ?? {}) as Record<string, Record<string, unknown>>).flatMap(keywords),
            ...(schema.items ? keywords(schema.items as Record<string, unknown>) : []),
        ];
        const used = policies.flatMap(p => (p.configSchema ? keywords({ type: "object", ...p.configSchema }) : []));
        assert.ok(used.includes("minLength") && used.includes("items"), "the walk reaches nested schemas");
        assert.deepEqual([...new Set(used)].filter(k => !(CONFIG_SCHEMA_KEYWORDS as readonly string[]).includes(k)), []);
    });

    it("does not import @pulumi/aws anywhere in the pack (it would slow every start)", () => {
        const root = path.join(__dirname, "..", "..", "policy");
        const sources = ["index.ts", ...["lib", "policies"].flatMap(d => fs.readdirSync(path.join(root, d)).map(f => path.join(d, f)))];
        for (const file of sources) {
            assert.doesNotMatch(fs.readFileSync(path.join(root, file), "utf8"), /["']@pulumi\/aws/, file);
        }
    });
});

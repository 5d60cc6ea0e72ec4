import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as yaml from "js-yaml";
import { DEFAULTS } from "../../config";

describe("Pulumi.yaml config declarations", () => {
    const project = yaml.load(fs.readFileSync(path.join(__dirname, "..", "..", "Pulumi.yaml"), "utf8")) as {
        config: Record<string, { type: string; default: unknown; description: string; items?: { type: string } }>;
    };

    it("declares exactly the keys that have defaults, with the program's defaults and types", () => {
        const declared = Object.fromEntries(Object.entries(project.config).map(([k, v]) => [k, v.default]));
        const expected = Object.fromEntries(Object.entries(DEFAULTS).map(([k, v]) => [`ec2-server:${k}`, v]));
        assert.deepEqual(declared, expected);
        for (const [key, decl] of Object.entries(project.config)) {
            const value = decl.default;
            const type = Array.isArray(value) ? "array" : typeof value === "number" ? "integer" : typeof value;
            assert.equal(decl.type, type, key);
            assert.ok(decl.description.length > 20, `${key} needs a real description`);
        }
    });

    it("declares only types the Pulumi project schema knows", () => {
        for (const decl of Object.values(project.config)) {
            assert.ok(["string", "boolean", "integer", "array"].includes(decl.type));
            if (decl.type === "array") {
                assert.deepEqual(decl.items, { type: "string" });
            }
        }
    });
});

import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { readStackConfig, SECRET_PLACEHOLDER, toConfigString } from "../../offline/stack-config";

describe("offline/stack-config", () => {
    it("hands object values to the program as the CLI does: JSON with every object's keys sorted, lists in order", () => {
        assert.equal(toConfigString({ tags: { Project: "p", Environment: "e" } }), '{"tags":{"Environment":"e","Project":"p"}}');
        assert.equal(toConfigString([{ b: 1, a: 2 }, "z", "a"]), '[{"a":2,"b":1},"z","a"]');
        assert.equal(toConfigString("as is"), "as is");
        assert.equal(toConfigString(true), "true");
        assert.equal(toConfigString(3), "3");
    });

    it("reads a stack file: project defaults, stack values as strings, secure values as secret placeholders", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stack-config-"));
        try {
            fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: p\nruntime: nodejs\nconfig:\n  p:size:\n    type: integer\n    default: 2\n  p:zone:\n    type: string\n    default: a\n");
            fs.writeFileSync(path.join(dir, "Pulumi.s.yaml"), [
                "config:",
                "  aws:defaultTags:",
                "    tags:",
                "      Project: p",
                "      Environment: s",
                "  p:zone: b",
                "  p:token:",
                "    secure: v1:abc",
                "",
            ].join("\n"));
            assert.deepEqual(readStackConfig(dir, "s"), {
                project: "p",
                stack: "s",
                config: { "p:size": "2", "p:zone": "b", "aws:defaultTags": '{"tags":{"Environment":"s","Project":"p"}}', "p:token": SECRET_PLACEHOLDER },
                secretKeys: ["p:token"],
            });
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});

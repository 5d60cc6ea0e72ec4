// offline/input.ts: reading an input file, with an error that names it.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { InputError, readJsonFile } from "../../offline/input";

describe("offline/input", () => {
    it("reads JSON; a missing or malformed file is an InputError naming it", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "input-"));
        try {
            const good = path.join(dir, "good.json");
            fs.writeFileSync(good, '{"a":[1]}');
            assert.deepEqual(readJsonFile(good), { a: [1] });
            const missing = path.join(dir, "missing.json");
            assert.throws(() => readJsonFile(missing), (e: unknown) => e instanceof InputError && e.message === `cannot read ${missing}: ENOENT`);
            const bad = path.join(dir, "bad.json");
            fs.writeFileSync(bad, "{");
            assert.throws(() => readJsonFile(bad), (e: unknown) => e instanceof InputError && e.message.startsWith(`${bad} is not valid JSON: `));
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});

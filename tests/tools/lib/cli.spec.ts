import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { InputError, outputPathProblems, parseCli, UsageError, writeFilesAtomic } from "../../../tools/lib/cli";

describe("tools/lib/cli", () => {
    let dir: string;
    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "cli-"));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("parseCli refuses a string option given twice, naming it and both values; a repeated switch is harmless", () => {
        assert.throws(() => parseCli(["--out", "a", "--out=b"], { strings: ["out"] }), (err: unknown) => err instanceof UsageError && err.message === '--out given twice: "a" and "b"; give it once');
        const { positionals, flags } = parseCli(["--json", "--json", "--out", "a"], { booleans: ["json"], strings: ["out"] });
        assert.deepEqual([positionals, { ...flags }], [[], { json: true, out: "a" }]);
    });

    it("outputPathProblems: one line per bad output, and an output that is an input or another output", () => {
        const input = path.join(dir, "in.json");
        fs.writeFileSync(input, "{}");
        assert.deepEqual(outputPathProblems([
            { option: "--a", file: path.join(dir, "missing", "a.json") },
            { option: "--b", file: path.join(input, "b.json") },
            { option: "--c", file: dir },
            { option: "--d", file: input },
            { option: "--e", file: path.join(dir, "e.json") },
            { option: "--f", file: path.join(dir, "sub", "..", "e.json") },
        ], [{ option: "--in", file: input, what: "the input" }]), [
            `--a ${path.join(dir, "missing", "a.json")}: directory ${path.join(dir, "missing")} does not exist`,
            `--b ${path.join(input, "b.json")}: ${input} is not a directory`,
            `--c ${dir}: is a directory; give a file path`,
            `--d ${input}: the same file as --in ${input}; it would overwrite the input it reads (write it to another file)`,
            `--f ${path.join(dir, "sub", "..", "e.json")}: the same file as --e ${path.join(dir, "e.json")}`,
        ]);
    });

    it("writeFilesAtomic writes every file, or none: a failure removes what it had written, temporary files included", () => {
        const ok = path.join(dir, "ok.json");
        writeFilesAtomic([{ file: ok, text: "1\n" }, { file: path.join(dir, "two.json"), text: "2\n" }]);
        assert.deepEqual(fs.readdirSync(dir).sort(), ["ok.json", "two.json"]);
        fs.rmSync(ok);
        fs.rmSync(path.join(dir, "two.json"));
        const bad = path.join(dir, "gone", "x.json");
        assert.throws(() => writeFilesAtomic([{ file: ok, text: "1\n" }, { file: bad, text: "2\n" }]),
            (err: unknown) => err instanceof InputError && err.message === `cannot write ${bad}: ENOENT`);
        assert.deepEqual(fs.readdirSync(dir), []);
    });
});

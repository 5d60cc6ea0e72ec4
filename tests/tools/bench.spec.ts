// tools/bench.ts (npm run bench): its command line. What it measures is reported by running it, never asserted.
import * as assert from "node:assert/strict";
import { runScript } from "./helpers";

describe("tools/bench (npm run bench)", () => {
    it("--help prints the usage; a bad --runs or an argument is a usage error (exit 2)", () => {
        const help = runScript("bench", ["--help"]);
        assert.deepEqual([help.status, help.stdout], [0, "usage: npm run -s bench -- [--runs N] [--skip-test] [--skip-cli] [--e2e]\n"]);
        const runs = runScript("bench", ["--runs", "0"]);
        assert.deepEqual([runs.status, runs.stderr], [2, "error: --runs must be a positive integer, got 0\nusage: npm run -s bench -- [--runs N] [--skip-test] [--skip-cli] [--e2e]\n"]);
        const extra = runScript("bench", ["now"]);
        assert.deepEqual([extra.status, extra.stderr.split("\n")[0]], [2, "error: unexpected argument now"]);
    });
});

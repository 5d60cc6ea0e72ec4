import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { collectWorkflowFiles, DEFAULT_DIR, lintWorkflowFiles, main, USAGE } from "../../tools/lint-workflows";
import { runMain, runScript } from "./helpers";

const REPO = path.resolve(__dirname, "..", "..");

const BROKEN = `name: broken
on:
  pull_request:
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - run: echo "\${{ steps.nope.outputs.value }}"
  deploy:
    needs: missing
    runs-on: ubuntu-latest
    steps:
      - run: echo deploy
`;

const USES_VARS = `name: vars
on:
  push:
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - run: echo "$ROLE"
        env:
          ROLE: \${{ vars.AWS_ROLE_ARN }}
`;

describe("tools/lint-workflows", () => {
    let dir: string;
    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "lint-workflows-"));
    });
    afterEach(() => {
        fs.rmSync(dir, { recursive: true, force: true });
    });

    // One real process (npm run lint:workflows); the other cases run main() here, through the same runCli.
    const run = (...args: string[]) => runMain(main, USAGE, args);

    it("the repository's workflows lint clean", async () => {
        const files = collectWorkflowFiles([DEFAULT_DIR]);
        assert.deepEqual(files.map((f) => path.relative(REPO, f)), [
            path.join(".github", "workflows", "deploy.yml"),
            path.join(".github", "workflows", "pull-request.yml"),
        ]);
        const { findings } = await lintWorkflowFiles(files);
        assert.deepEqual(findings, []);
    });

    it("a broken workflow is reported as file:line:col: message [kind] with exit 1, as a process", async () => {
        const file = path.join(dir, "broken.yml");
        fs.writeFileSync(file, BROKEN);
        fs.writeFileSync(path.join(dir, "README.md"), "not a workflow\n");
        const r = runScript("lint:workflows", [dir]);
        assert.equal(r.status, 1, r.stderr);
        const rel = path.relative(REPO, file);
        assert.equal(
            r.stdout,
            [
                `${rel}:8:24: property "nope" is not defined in object type {} [expression]`,
                `${rel}:9:3: job "deploy" needs job "missing" which does not exist in this workflow [job-needs]`,
                "actionlint: 1 workflow file(s) checked, 2 finding(s) in 1 file(s)",
                "",
            ].join("\n"),
        );
    });

    it("exit 1 when no workflow file is found", async () => {
        const r = await run(dir);
        assert.equal(r.status, 1);
        assert.equal(r.stdout, `actionlint: no workflow files (*.yml, *.yaml) found in ${dir}\n`);
    });

    it("exit 2 for a path that does not exist", async () => {
        const r = await run(path.join(dir, "nope"));
        assert.equal(r.status, 2);
        assert.equal(r.stderr, `error: no such file or directory: ${path.join(dir, "nope")}\n`);
    });

    it("ignores only actionlint 1.6.22's unknown-`vars` finding, and counts it", async () => {
        const file = path.join(dir, "vars.yaml");
        fs.writeFileSync(file, USES_VARS);
        const { findings, suppressed } = await lintWorkflowFiles([file]);
        assert.deepEqual(findings, []);
        assert.deepEqual(
            suppressed.map((f) => [f.line, f.column, f.kind, f.message.slice(0, 26)]),
            [[10, 21, "expression", 'undefined variable "vars".']],
        );
    });
});

/**
 * `npm run sim` (tools/sim.ts) as the README tells a user to run it: the committed stacks, by name, from a fresh simulation
 * directory; the stack files stay as committed.
 */
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "../../offline/provider/cli";
import { SIM_DIR_ENV } from "../../offline/provider/account";

describe("e2e: npm run sim (the committed stacks, as a user runs them)", () => {
    for (const stack of ["dev", "prod", "web"]) {
        it(`${stack}: up, refresh, preview --policy-pack policy --expect-no-changes exit 0, and Pulumi.${stack}.yaml is left as committed`, () => {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), `ec2-server-sim-${stack}-`));
            const file = path.join(REPO_ROOT, `Pulumi.${stack}.yaml`);
            const before = fs.readFileSync(file);
            const sim = (...args: string[]) => spawnSync(process.execPath, ["-r", "./offline/register.js", "tools/sim.ts", ...args], {
                cwd: REPO_ROOT, env: { ...process.env, [SIM_DIR_ENV]: dir }, encoding: "utf8", maxBuffer: 64 * 1024 * 1024,
            });
            try {
                for (const args of [["up", "--stack", stack, "--yes"], ["refresh", "--stack", stack, "--yes"], ["preview", "--stack", stack, "--policy-pack", "policy", "--expect-no-changes"]]) {
                    const r = sim(...args);
                    assert.equal(r.status, 0, `npm run sim -- ${args.join(" ")}:\n${r.stdout}\n${r.stderr}`);
                }
                assert.ok(fs.readFileSync(file).equals(before), `Pulumi.${stack}.yaml changed`);
            } finally {
                fs.rmSync(dir, { recursive: true, force: true });
            }
        });
    }
});

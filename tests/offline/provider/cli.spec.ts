import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { LANGUAGE_HOST_DIR, PLUGIN_DIR, simEnv, stackFromArgs } from "../../../offline/provider/cli";
import { SIM_DIR_ENV } from "../../../offline/provider/account";

describe("offline/provider/cli (the environment of a CLI run against the simulation)", () => {
    it("finds the stack a command line names", () => {
        assert.equal(stackFromArgs(["up", "--stack", "dev", "--yes"]), "dev");
        assert.equal(stackFromArgs(["preview", "-s", "myorg/prod"]), "myorg/prod");
        assert.equal(stackFromArgs(["refresh", "--stack=web"]), "web");
        assert.equal(stackFromArgs(["up", "--yes"]), undefined);
    });

    it("points the CLI at the simulation: its plugins, a local backend, a passphrase, no downloads; the official language host when the CLI has one", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sim-env-"));
        try {
            const bare = path.join(dir, "built", "pulumi");
            fs.mkdirSync(path.dirname(bare));
            const env = simEnv(bare, path.join(dir, "sim"));
            assert.equal(env.PULUMI_BACKEND_URL, `file://${path.join(dir, "sim", "backend")}`);
            assert.equal(env.PULUMI_HOME, path.join(dir, "sim", "home"));
            assert.equal(env.PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION, "true");
            assert.equal(env.PULUMI_SKIP_UPDATE_CHECK, "true");
            assert.equal(env[SIM_DIR_ENV], path.join(dir, "sim"));
            assert.deepEqual(env.PATH!.split(path.delimiter).slice(0, 3), [PLUGIN_DIR, LANGUAGE_HOST_DIR, path.dirname(bare)]);
            // The official CLI ships its language host beside it: that one is used.
            const official = path.join(dir, "official", "pulumi");
            fs.mkdirSync(path.dirname(official));
            fs.writeFileSync(path.join(dir, "official", "pulumi-language-nodejs"), "");
            assert.deepEqual(simEnv(official, path.join(dir, "sim")).PATH!.split(path.delimiter).slice(0, 2), [PLUGIN_DIR, path.dirname(official)]);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});

import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { accountFile, changeAccount, readAccount, redactSecrets, restoreSecrets, simDir, SIM_DIR_ENV, writeAccount } from "../../../offline/provider/account";

describe("offline/provider/account (the simulated account)", () => {
    it("one file per stack, written atomically, read back; another region is refused", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "account-"));
        try {
            const file = accountFile(dir, "myorg/prod");
            assert.equal(file, path.join(dir, "aws", "myorg_prod.json"));
            assert.deepEqual(readAccount(file, "eu-west-1"), { region: "eu-west-1", resources: [], creates: {} });
            writeAccount(file, { region: "eu-west-1", resources: [], creates: { u: 1 } });
            assert.deepEqual(fs.readdirSync(path.dirname(file)), ["myorg_prod.json"]);
            assert.deepEqual(readAccount(file, "eu-west-1").creates, { u: 1 });
            assert.throws(() => readAccount(file, "us-east-1"), { message: `the simulated account ${file} is in eu-west-1, the provider is configured for us-east-1: one stack, one region` });
            const changed = changeAccount(dir, "myorg/prod", a => { a.imageReleases = { p: 1 }; });
            assert.deepEqual(readAccount(file, "eu-west-1"), changed);
            assert.throws(() => changeAccount(dir, "dev", () => undefined), { message: `no simulated account for stack dev in ${dir}` });
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("keeps a secret's digest, and gives back the engine's value only when it matches", () => {
        const stored = redactSecrets({ a: 1, userData: "c2VjcmV0" }, new Set(["userData"]));
        assert.equal(JSON.stringify(stored).includes("c2VjcmV0"), false);
        assert.deepEqual(restoreSecrets(stored, { userData: "c2VjcmV0" }), { a: 1, userData: "c2VjcmV0" });
        assert.deepEqual(restoreSecrets(stored, { userData: "b3RoZXI=" }), { a: 1 });
        assert.deepEqual(restoreSecrets(stored, {}), { a: 1 });
    });

    it("runs only under npm run sim: without its directory it says so", () => {
        const saved = process.env[SIM_DIR_ENV];
        delete process.env[SIM_DIR_ENV];
        try {
            assert.throws(() => simDir(), { message: `${SIM_DIR_ENV} is not set: the simulated AWS provider runs under \`npm run sim\`, which points it at its directory` });
        } finally {
            if (saved !== undefined) {
                process.env[SIM_DIR_ENV] = saved;
            }
        }
    });
});

import * as assert from "node:assert/strict";
import { cronProblem, timeZoneProblem } from "../../config";
import { ecdsaKey, ed25519Key, rsaKey } from "../../offline/ssh-keys";
import { errorsOf } from "./helpers";

describe("config/parsers", () => {
    it("accepts traditional cron as EC2 Auto Scaling takes it (crontab.org: numbers, ranges, lists, steps, single names)", () => {
        for (const expr of ["0 8 * * 1-5", "30 0 1 1,6,12 *", "*/15 * * * *", "0 0-6/2 1,15 * *", "0 9 * JAN MON", "0 9 * * mon", "0 22 * * 7", "  59 23 31 12 0  "]) {
            assert.equal(cronProblem(expr), undefined, expr);
        }
    });

    it("accepts IANA zone names and aliases with their own case, not offsets", () => {
        for (const zone of ["UTC", "Europe/London", "America/Argentina/Buenos_Aires", "Etc/GMT+9", "Etc/GMT-14", "Asia/Kolkata", "Asia/Calcutta", "US/Pacific"]) {
            assert.equal(timeZoneProblem(zone), undefined, zone);
        }
        assert.equal(timeZoneProblem("Europe/London "), "did you mean \"Europe/London\"?");
        assert.equal(timeZoneProblem("+01:00"), "");
    });

    it("accepts real generated OpenSSH keys of both algorithms", () => {
        for (const key of [ed25519Key("a"), rsaKey("b", 2048)]) {
            assert.deepEqual(errorsOf({ keyPair: "import", publicKey: key.publicKeyOpenssh }), []);
        }
    });

    it("rejects real ECDSA keys of every curve: EC2 ImportKeyPair takes only ED25519 and RSA keys", () => {
        const expected = (start: string, type: string) =>
            `ec2-server:publicKey: got ${start}..., expected an OpenSSH public key ("<type> <base64> [comment]") of type ssh-ed25519 or ssh-rsa (EC2 ImportKeyPair accepts only ED25519 and RSA keys, not "${type}")`;
        assert.deepEqual(errorsOf({ keyPair: "import", publicKey: ecdsaKey("laptop", "nistp256").publicKeyOpenssh }), [
            expected("\"ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBHuAjjHzBDm3A7lYhjG9UEm//P/KaJ9XNYkwiBtfDLsL", "ecdsa-sha2-nistp256"),
        ]);
        assert.deepEqual(errorsOf({ keyPair: "import", publicKey: ecdsaKey("laptop", "nistp384").publicKeyOpenssh }), [
            expected("\"ecdsa-sha2-nistp384 AAAAE2VjZHNhLXNoYTItbmlzdHAzODQAAAAIbmlzdHAzODQAAABhBEsTn852DN+U6WPlBMe4fNQ0oC8/eEbahULNciBsriYT", "ecdsa-sha2-nistp384"),
        ]);
        assert.deepEqual(errorsOf({ keyPair: "import", publicKey: `${ecdsaKey("laptop", "nistp521").publicKeyOpenssh.trim()} me@laptop` }), [
            expected("\"ecdsa-sha2-nistp521 AAAAE2VjZHNhLXNoYTItbmlzdHA1MjEAAAAIbmlzdHA1MjEAAACFBAAzFfaKAbNrXcS7Iu3yJf4XidTPJFymEUqMZpQCPMVO", "ecdsa-sha2-nistp521"),
        ]);
    });
});

import * as assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import { ec2NoSecretsInUserData as policy } from "../../../policy/policies/ec2-no-secrets-in-user-data";
import { T } from "../../../policy/lib/types";
import { UNKNOWN, validateResource, validateResourceDetailed } from "../helpers";

const FIX =
    "User data is not secret: whoever can describe the instance or template, and every process on the instance " +
    "(through the instance metadata service), can read it. Remove the secret and rotate it; give the instance an " +
    "IAM role for AWS access, and fetch other secrets at boot from SSM Parameter Store or Secrets Manager.";

// AWS's documentation example credentials, split so that secret scanners do not flag this file.
const KEY_ID = "AKIA" + "IOSFODNN7EXAMPLE";
const TEMP_KEY_ID = "ASIA" + "IOSFODNN7EXAMPLE";
const SECRET = "wJalrXUtnFEMI/K7MDENG/" + "bPxRfiCYEXAMPLEKEY";
const PEM = (label: string) => `-----BEGIN ${label}-----\nMIIEowIBAAKCAQEAx\n-----END ${label}-----`;

const CLOUD_INIT = "#!/bin/bash\ndnf install -y nginx\nsystemctl enable --now nginx\n";
const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");
const gzb64 = (text: string) => gzipSync(Buffer.from(text, "utf8")).toString("base64");

const instance = (props: Record<string, unknown>) =>
    validateResource(policy, { type: T.Instance, props: { ami: "ami-1", instanceType: "t3.micro", userData: CLOUD_INIT, ...props } });
const template = (props: Record<string, unknown>) =>
    validateResource(policy, { type: T.LaunchTemplate, props: { imageId: "ami-1", userData: b64(CLOUD_INIT), ...props } });
const found = (where: string, what: string) => `${where} contains ${what}. ${FIX}`;

/** Runs `run`, asserts its exact messages, and that no message contains any credential. */
async function expectMessages(run: Promise<string[]>, expected: string[]): Promise<void> {
    const messages = await run;
    assert.deepEqual(messages, expected);
    for (const message of messages) {
        for (const secret of [KEY_ID, TEMP_KEY_ID, SECRET, "MIIEowIBAAKCAQEAx"]) {
            assert.ok(!message.includes(secret), `the message leaks ${secret}: ${message}`);
        }
    }
}

describe("ec2-no-secrets-in-user-data", () => {
    it("#1 compliant: plain cloud-init, base64 or gzip user data without credentials, or none", async () => {
        assert.deepEqual(await instance({}), []);
        assert.deepEqual(await instance({ userData: undefined, userDataBase64: gzb64(CLOUD_INIT) }), []);
        assert.deepEqual(await instance({ userData: undefined }), []);
        assert.deepEqual(await template({}), []);
        assert.deepEqual(await template({ userData: undefined }), []);
    });
    it("#2 credentials fetched at boot (references, not values) are fine", async () => {
        const script = CLOUD_INIT +
            'export AWS_SECRET_ACCESS_KEY=$(aws ssm get-parameter --name /app/key --with-decryption --query Parameter.Value --output text)\n' +
            'aws_secret_access_key = {{ resolve:secretsmanager:app }}\nssh-keygen -t ed25519 -f /etc/ssh/host_key -N ""\n';
        assert.deepEqual(await instance({ userData: script }), []);
    });
    it("#3 an access key ID in plain userData, with its line", async () => {
        await expectMessages(instance({ userData: `${CLOUD_INIT}export AWS_ACCESS_KEY_ID=${KEY_ID}\n` }), [found("userData", "an AWS access key ID (line 4)")]);
    });
    it("#4 a temporary (ASIA) access key ID", async () => {
        await expectMessages(instance({ userData: `aws configure set aws_access_key_id ${TEMP_KEY_ID}` }), [found("userData", "an AWS access key ID (line 1)")]);
    });
    for (const [name, line] of [
        ["credentials file", `[default]\naws_secret_access_key = ${SECRET}`],
        ["export with quotes", `export AWS_SECRET_ACCESS_KEY="${SECRET}"`],
        ["aws configure set", `aws configure set aws_secret_access_key ${SECRET}`],
        ["JSON", `{"AccessKeyId": "x", "SecretAccessKey": "${SECRET}"}`],
        ["YAML", `secret_access_key: '${SECRET}'`],
    ] as const) {
        it(`#5 a secret access key next to its name: ${name}`, async () => {
            await expectMessages(instance({ userData: line }), [found("userData", `an AWS secret access key (line ${line.split("\n").length})`)]);
        });
    }
    for (const label of ["RSA PRIVATE KEY", "OPENSSH PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "PGP PRIVATE KEY BLOCK"]) {
        it(`#6 a private key block: ${label}`, async () => {
            await expectMessages(instance({ userData: `${CLOUD_INIT}cat > /root/key <<EOF\n${PEM(label)}\nEOF\n` }), [found("userData", "a private key (line 5)")]);
        });
    }
    it("#7 public keys and certificates are not private keys", async () => {
        assert.deepEqual(await instance({ userData: `${PEM("PUBLIC KEY")}\n${PEM("CERTIFICATE")}\nssh-ed25519 AAAAC3Nza admin` }), []);
    });
    it("#8 every kind in one value: one violation naming each with its first line", async () => {
        const userData = `#!/bin/bash\nexport AWS_ACCESS_KEY_ID=${KEY_ID}\nexport AWS_SECRET_ACCESS_KEY=${SECRET}\n${PEM("RSA PRIVATE KEY")}\n${KEY_ID}\n`;
        await expectMessages(instance({ userData }), [
            found("userData", "an AWS access key ID (line 2), an AWS secret access key (line 3) and a private key (line 4)"),
        ]);
    });
    it("#9 an instance's userData that is already base64 is decoded (the provider sends it as is)", async () => {
        await expectMessages(instance({ userData: b64(`export AWS_ACCESS_KEY_ID=${KEY_ID}`) }), [found("userData (base64-decoded)", "an AWS access key ID (line 1)")]);
    });
    it("#10 an instance's userDataBase64, plain base64 and gzip", async () => {
        await expectMessages(instance({ userData: undefined, userDataBase64: b64(`${CLOUD_INIT}${PEM("PRIVATE KEY")}`) }), [
            found("userDataBase64 (base64-decoded)", "a private key (line 4)"),
        ]);
        await expectMessages(instance({ userData: undefined, userDataBase64: gzb64(`aws_secret_access_key=${SECRET}`) }), [
            found("userDataBase64 (base64-decoded, gunzipped)", "an AWS secret access key (line 1)"),
        ]);
    });
    it("#11 base64 wrapped over several lines is decoded", async () => {
        const wrapped = (b64(`${CLOUD_INIT}AWS_ACCESS_KEY_ID=${KEY_ID}`).match(/.{1,20}/g) ?? []).join("\n");
        await expectMessages(instance({ userData: undefined, userDataBase64: wrapped }), [found("userDataBase64 (base64-decoded)", "an AWS access key ID (line 4)")]);
    });
    it("#12 a launch template's base64 userData, plain and gzip", async () => {
        await expectMessages(template({ userData: b64(`${CLOUD_INIT}aws_access_key_id=${KEY_ID}`) }), [found("userData (base64-decoded)", "an AWS access key ID (line 4)")]);
        await expectMessages(template({ userData: gzb64(PEM("OPENSSH PRIVATE KEY")) }), [found("userData (base64-decoded, gunzipped)", "a private key (line 1)")]);
    });
    it("#13 a launch template's userData written as plain text is scanned as written", async () => {
        await expectMessages(template({ userData: `aws_access_key_id=${KEY_ID}` }), [found("userData", "an AWS access key ID (line 1)")]);
    });
    it("#14 a launch configuration's userData and userDataBase64 are reported separately", async () => {
        await expectMessages(
            validateResource(policy, {
                type: T.LaunchConfiguration,
                props: { imageId: "ami-1", instanceType: "t3.micro", userData: `id=${KEY_ID}`, userDataBase64: b64(PEM("EC PRIVATE KEY")) },
            }),
            [found("userData", "an AWS access key ID (line 1)"), found("userDataBase64 (base64-decoded)", "a private key (line 1)")],
        );
    });
    it("#15 near misses: a 40-character hash with no key name, a key ID inside a longer word, lower case, too short", async () => {
        const userData = [
            "git checkout 9fceb02d0ae598e95dc970b74767f19372d61af8",
            `echo ${"X"}${KEY_ID}`,
            KEY_ID.toLowerCase(),
            KEY_ID.slice(0, 18),
            `echo ${SECRET}`,
            `aws_secret_access_key=${SECRET}EXTRA`,
        ].join("\n");
        assert.deepEqual(await instance({ userData }), []);
    });
    it("#16 unknown user data is not reported; so are secrets as this project's plan and policy:check send them (unknown)", async () => {
        assert.deepEqual(await instance({ userData: UNKNOWN }), []);
        assert.deepEqual(await instance({ userData: undefined, userDataBase64: UNKNOWN }), []);
        assert.deepEqual(await template({ userData: UNKNOWN }), []);
    });
    it("#17 the Pulumi CLI's secret-wrapped value reaches the policy as plaintext (the SDK strips the marker): scanned, never echoed", async () => {
        const secretValue = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: `export AWS_ACCESS_KEY_ID=${KEY_ID}` };
        await expectMessages(instance({ userData: secretValue }), [found("userData", "an AWS access key ID (line 1)")]);
    });
    it("#18 other types are not applicable", async () => {
        const outcome = await validateResourceDetailed(policy, { type: T.Volume, props: {} });
        assert.deepEqual(outcome, { messages: [], notApplicable: `applies only to ${T.Instance}, ${T.LaunchConfiguration}, ${T.LaunchTemplate}` });
    });
});

import * as assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
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
/** The hard-coded passwords of the password cases below: no message may contain one. */
const PASSWORDS = ["password1234", "SomeSortOfPassword", "hunter2", "s3cr3t", "R00t-2024"];

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
        for (const secret of [KEY_ID, TEMP_KEY_ID, SECRET, "MIIEowIBAAKCAQEAx", ...PASSWORDS]) {
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
        const secretValue = { [specialSigKey]: specialSecretSig, value: `export AWS_ACCESS_KEY_ID=${KEY_ID}` };
        await expectMessages(instance({ userData: secretValue }), [found("userData", "an AWS access key ID (line 1)")]);
    });
    it("#18 other types are not applicable", async () => {
        const outcome = await validateResourceDetailed(policy, { type: T.Volume, props: {} });
        assert.deepEqual(outcome, { messages: [], notApplicable: `applies only to ${T.Instance}, ${T.LaunchConfiguration}, ${T.LaunchTemplate}` });
    });
    it("#19 trivy's bad cases (no_secrets_in_user_data, as_no_secrets_in_user_data): a hard-coded database password, in an instance and a launch template", async () => {
        const script = "export DATABASE_PASSWORD=password1234";
        await expectMessages(instance({ userData: script }), [found("userData", "a password (line 1)")]);
        await expectMessages(template({ userData: b64(`${CLOUD_INIT}${script}\n`) }), [found("userData (base64-decoded)", "a password (line 4)")]);
        await expectMessages(template({ userData: script }), [found("userData", "a password (line 1)")]);
        // tfsec's heredoc keeps the backslashes: the user data holds \"SomeSortOfPassword\".
        await expectMessages(instance({ userData: 'export DATABASE_PASSWORD=\\"SomeSortOfPassword\\"' }), [found("userData", "a password (line 1)")]);
        // trivy's good case.
        assert.deepEqual(await instance({ userData: "export SSM_PATH=/database/creds" }), []);
        assert.deepEqual(await template({ userData: b64("export SSM_PATH=/database/creds") }), []);
    });
    for (const line of [
        "PASSWORD=hunter2",
        'DB_PASSWORD="s3cr3t pass phrase"',
        "export MYSQL_ROOT_PASSWORD=R00t-2024",
        "DB_PASSWD='s3cr3t'",
        "mysql -u root --password=R00t-2024 < /tmp/schema.sql",
        "docker run -d -e POSTGRES_PASSWORD=s3cr3t postgres:16",
    ]) {
        it(`#20 a password in a shell assignment: ${line}`, async () => {
            await expectMessages(instance({ userData: `${CLOUD_INIT}${line}\n` }), [found("userData", "a password (line 4)")]);
        });
    }
    for (const [name, text, line] of [
        ["YAML in a cloud-config file", "#cloud-config\nwrite_files:\n  - path: /etc/app/config.yml\n    content: |\n      db:\n        password: hunter2\n", 6],
        ["a cloud-config user's plain_text_passwd", "#cloud-config\nusers:\n  - name: app\n    lock_passwd: false\n    plain_text_passwd: hunter2\n", 5],
        ["an INI/TOML file", '[database]\nuser = "app"\ndb_password = "s3cr3t"\n', 3],
        ["JSON", '{"username": "app", "password": "s3cr3t"}', 1],
        ["Java properties", "spring.datasource.url=jdbc:postgresql://db:5432/app\nspring.datasource.password=s3cr3t\n", 2],
        ["a PHP array", "$db = ['user' => 'app', 'password' => 's3cr3t'];", 1],
    ] as const) {
        it(`#21 a password in a configuration file: ${name}`, async () => {
            await expectMessages(instance({ userData: text }), [found("userData", `a password (line ${line})`)]);
        });
    }
    for (const text of [
        "psql postgres://app:s3cr3t@db.internal:5432/app -c 'select 1'",
        'DATABASE_URL="mysql://root:s3cr3t@10.0.1.5:3306/app"',
        "MONGO_URI=mongodb+srv://app:s3cr3t@cluster0.example.mongodb.net/app?retryWrites=true",
        "redis-cli -u redis://:s3cr3t@cache.internal:6379/0 ping",
    ]) {
        it(`#22 a connection string with a password: ${text.split("://")[0].split(/[ "=]/).pop()}`, async () => {
            await expectMessages(instance({ userData: `${CLOUD_INIT}${text}\n` }), [found("userData", "a connection string with a password (line 4)")]);
        });
    }
    it("#23 references, empty values and look-alikes are not passwords", async () => {
        const userData = [
            "#!/bin/bash",
            "export SSM_PATH=/database/creds",
            "PASSWORD_FILE=/run/secrets/db",
            "DB_PASSWORD=$(aws ssm get-parameter --name /db/password --with-decryption --query Parameter.Value --output text)",
            "password=$(aws ssm get-parameter --name /db/password --with-decryption --query Parameter.Value --output text)",
            'DB_PASSWORD="$DB_PASSWORD_FROM_SSM"',
            "DB_PASSWORD=`cat /run/secrets/db`",
            "PASSWORD=",
            'DB_PASSWORD=""',
            'echo "Enter the database password: "; read -rs DB_PASSWORD',
            "aws ecr get-login-password --region ap-northeast-2 | docker login --username AWS --password-stdin 123456789012.dkr.ecr.ap-northeast-2.amazonaws.com",
            "psql postgres://app:${DB_PASSWORD}@db.internal:5432/app",
            "psql postgres://app@db.internal/app postgres://db.internal:5432/app",
            "curl -fsS https://example.com:8443/health && git clone git@github.com:org/repo.git",
            'sed -i "s/^PasswordAuthentication .*/PasswordAuthentication no/" /etc/ssh/sshd_config',
            "echo 'PermitEmptyPasswords no' >> /etc/ssh/sshd_config",
            "cat > /etc/app/config.yml <<EOF",
            "password: ${DB_PASSWORD}",
            "password: '{{ resolve:ssm-secure:/db/password }}'",
            "password: ''",
            "password:",
            "password: null",
            "EOF",
            'python3 -c \'import os; password = os.environ["DB_PASSWORD"]\'',
        ].join("\n");
        assert.deepEqual(await instance({ userData }), []);
        assert.deepEqual(await instance({ userData: "#cloud-config\nssh_pwauth: false\nchpasswd:\n  expire: false\nusers:\n  - name: app\n    lock_passwd: true\n" }), []);
    });
    it("#24 every kind in one value, passwords included: one violation naming each with its first line", async () => {
        const userData = `#!/bin/bash\nexport AWS_ACCESS_KEY_ID=${KEY_ID}\nexport AWS_SECRET_ACCESS_KEY=${SECRET}\n${PEM("RSA PRIVATE KEY")}\n` +
            "export DB_PASSWORD=s3cr3t\nexport DATABASE_URL=postgres://app:s3cr3t@db/app\n";
        await expectMessages(instance({ userData }), [
            found(
                "userData",
                "an AWS access key ID (line 2), an AWS secret access key (line 3), a private key (line 4), a password (line 7) and a connection string with a password (line 8)",
            ),
        ]);
    });
    it("#25 passwords in gzipped and base64 user data of a launch template, an instance and a launch configuration", async () => {
        await expectMessages(template({ userData: gzb64(`${CLOUD_INIT}export DB_PASSWORD=s3cr3t\n`) }), [found("userData (base64-decoded, gunzipped)", "a password (line 4)")]);
        await expectMessages(instance({ userData: undefined, userDataBase64: b64("mongodb+srv://app:s3cr3t@cluster0.example.mongodb.net") }), [
            found("userDataBase64 (base64-decoded)", "a connection string with a password (line 1)"),
        ]);
        await expectMessages(
            validateResource(policy, { type: T.LaunchConfiguration, props: { imageId: "ami-1", instanceType: "t3.micro", userData: "PASSWORD=hunter2" } }),
            [found("userData", "a password (line 1)")],
        );
    });
});
